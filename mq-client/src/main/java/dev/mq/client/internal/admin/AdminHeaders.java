package dev.mq.client.internal.admin;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.header.CommandHeader;

/**
 * Headers of Apache admin requests that {@code dev.mq.protocol.header} does not have (our server
 * does not answer these requests yet), with Apache's field names. Only written, never read: the
 * client sends them.
 */
final class AdminHeaders {

    private AdminHeaders() {
    }

    /**
     * QUERY_CONSUME_TIME_SPAN (303): per queue of {@code topic}, the store times of the oldest and
     * newest message and of the group's position, and {@code delayTime}, the age of the oldest
     * message the group has not consumed.
     */
    record ConsumeTimeSpan(String topic, String group) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("topic", topic).putExt("group", group);
        }
    }

    /** VIEW_BROKER_STATS_DATA (315): one statistic of the broker, e.g. TOPIC_PUT_NUMS of a topic. */
    record BrokerStats(String statsName, String statsKey) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("statsName", statsName).putExt("statsKey", statsKey);
        }
    }

    /** QUERY_TOPICS_BY_CONSUMER (343): the topics a group has offsets for on the broker. */
    record TopicsByConsumer(String group) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("group", group);
        }
    }

    /** GET_CONSUMER_RUNNING_INFO (307), relayed by the broker to the client {@code clientId}. */
    record ConsumerRunningInfo(String consumerGroup, String clientId, boolean jstackEnable) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("consumerGroup", consumerGroup).putExt("clientId", clientId)
                    .putExt("jstackEnable", jstackEnable);
        }
    }

    /** GET_BROKER_CONSUME_STATS (317): every group's consume stats; {@code isOrder=false} takes all groups. */
    record BrokerConsumeStats(boolean isOrder) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("isOrder", isOrder);
        }
    }

    /** GET_TOPICS_BY_CLUSTER (224, name server): the topics of one cluster. */
    record TopicsByCluster(String cluster) implements CommandHeader {
        @Override
        public void writeTo(RemotingCommand command) {
            command.putExt("cluster", cluster);
        }
    }
}
