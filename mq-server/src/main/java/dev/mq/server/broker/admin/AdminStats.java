package dev.mq.server.broker.admin;

import dev.mq.message.record.RecordView;
import dev.mq.protocol.body.HeartbeatData.SubscriptionData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.store.GetMessageResult;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bodies of the statistics requests, in the exact JSON Apache's admin tools parse. Maps keyed by
 * message queue use an object as the key ({@code {{"brokerName":..,"queueId":..,"topic":..}:{..}}}),
 * which fastjson reads but standard JSON writers cannot produce, so these are written by hand.
 */
final class AdminStats {

    private final BrokerContext broker;

    AdminStats(BrokerContext broker) {
        this.broker = broker;
    }

    /** GET_TOPIC_STATS_INFO: min/max offset and last store time per queue. */
    byte[] topicStats(TopicConfig topic) {
        StringBuilder json = new StringBuilder("{\"offsetTable\":{");
        for (int queueId = 0; queueId < topic.readQueueNums(); queueId++) {
            if (queueId > 0) {
                json.append(',');
            }
            long min = broker.store().minOffset(topic.topicName(), queueId);
            long max = broker.store().maxOffset(topic.topicName(), queueId);
            json.append(queueKey(topic.topicName(), queueId)).append(":{\"lastUpdateTimestamp\":")
                    .append(max > 0 ? storeTime(topic.topicName(), queueId, max - 1) : 0)
                    .append(",\"maxOffset\":").append(max).append(",\"minOffset\":").append(min).append('}');
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** GET_CONSUME_STATS: broker and consumer offsets per queue of the group's topics (or one topic). */
    byte[] consumeStats(String group, String onlyTopic) {
        Set<String> topics = new TreeSet<>();
        if (onlyTopic != null && !onlyTopic.isEmpty()) {
            topics.add(onlyTopic);
        } else {
            topics.addAll(broker.offsets().topicsOf(group));
            ClientRegistry.ConsumerGroup online = broker.clients().consumerGroup(group);
            if (online != null) {
                topics.addAll(online.subscriptions().keySet());
            }
        }
        StringBuilder json = new StringBuilder("{\"consumeTps\":0.0,\"offsetTable\":{");
        boolean first = true;
        for (String topic : topics) {
            TopicConfig config = broker.topics().get(topic);
            if (config == null) {
                continue;
            }
            for (int queueId = 0; queueId < config.readQueueNums(); queueId++) {
                long brokerOffset = broker.store().maxOffset(topic, queueId);
                long consumerOffset = Math.max(0, broker.offsets().query(group, topic, queueId));
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append(queueKey(topic, queueId)).append(":{\"brokerOffset\":").append(brokerOffset)
                        .append(",\"consumerOffset\":").append(consumerOffset)
                        .append(",\"lastTimestamp\":")
                        .append(consumerOffset > 0 ? storeTime(topic, queueId, consumerOffset - 1) : 0)
                        .append(",\"pullOffset\":").append(consumerOffset).append('}');
            }
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** GET_CONSUMER_CONNECTION_LIST: the group's connections and subscriptions, or null when none is online. */
    byte[] consumerConnections(String group) {
        ClientRegistry.ConsumerGroup online = broker.clients().consumerGroup(group);
        if (online == null || online.members().isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"connectionSet\":[");
        boolean first = true;
        for (ClientRegistry.Member member : online.members()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"clientAddr\":").append(string(String.valueOf(member.connection().remoteAddress())
                            .replaceFirst("^/", "")))
                    .append(",\"clientId\":").append(string(member.clientId()))
                    .append(",\"language\":\"JAVA\",\"version\":0}");
        }
        json.append("],\"consumeFromWhere\":").append(string(online.consumeFromWhere()))
                .append(",\"consumeType\":").append(string(online.consumeType()))
                .append(",\"messageModel\":").append(string(online.messageModel()))
                .append(",\"subscriptionTable\":");
        json.append(new String(RemotingJson.encode(new java.util.TreeMap<String, SubscriptionData>(
                online.subscriptions())), StandardCharsets.UTF_8));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** QUERY_TOPIC_CONSUME_BY_WHO: groups subscribed to the topic or holding offsets for it. */
    byte[] consumedBy(String topic) {
        Set<String> groups = new TreeSet<>(broker.clients().groupsSubscribing(topic));
        groups.addAll(broker.offsets().groupsOf(topic));
        return RemotingJson.encode(Map.of("groupList", groups));
    }

    /** GET_BROKER_RUNTIME_INFO: a few key figures as strings, in a KVTable. */
    byte[] runtimeInfo(long startedAt) {
        Map<String, String> table = new java.util.TreeMap<>();
        table.put("brokerVersionDesc", "mq-server");
        table.put("brokerName", broker.brokerName());
        table.put("commitLogMinOffset", Long.toString(broker.store().commitLogMinOffset()));
        table.put("commitLogMaxOffset", Long.toString(broker.store().commitLogMaxOffset()));
        table.put("commitLogDiskRatio", Double.toString(broker.store().diskUsedRatio()));
        table.put("dispatchBehindBytes", Long.toString(broker.store().commitLogMaxOffset()
                - broker.store().dispatchedOffset()));
        table.put("bootTimestamp", Long.toString(startedAt));
        table.put("runtime", "uptime ms " + (broker.clock().millis() - startedAt));
        return RemotingJson.encode(Map.of("table", table));
    }

    private long storeTime(String topic, int queueId, long offset) {
        try (GetMessageResult result = broker.store().getMessages(topic, queueId, offset, 1, 1, null)) {
            if (result.messageCount() == 0) {
                return 0;
            }
            return new RecordView().wrap(result.messages().get(0), 0).storeTimestamp();
        }
    }

    private String queueKey(String topic, int queueId) {
        return "{\"brokerName\":" + string(broker.brokerName()) + ",\"queueId\":" + queueId + ",\"topic\":"
                + string(topic) + "}";
    }

    private static String string(String value) {
        return value == null ? "null" : new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }
}
