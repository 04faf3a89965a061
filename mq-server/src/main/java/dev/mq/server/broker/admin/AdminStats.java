package dev.mq.server.broker.admin;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.body.HeartbeatData.SubscriptionData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.stats.BrokerStats;
import dev.mq.server.broker.stats.Window;
import dev.mq.store.GetMessageResult;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Bodies of the statistics requests, in the exact JSON Apache's admin tools parse. Maps keyed by
 * message queue use an object as the key ({@code {{"brokerName":..,"queueId":..,"topic":..}:{..}}}),
 * which fastjson reads but standard JSON writers cannot produce, so these are written by hand.
 */
final class AdminStats {

    private final BrokerContext broker;
    private final BrokerStats stats;

    AdminStats(BrokerContext broker, BrokerStats stats) {
        this.broker = broker;
        this.stats = stats;
    }

    /** GET_TOPIC_STATS_INFO: min/max offset and last store time per queue, and the topic's send rate. */
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
        json.append("},\"topicPutTps\":").append(stats.topicPutTps(topic.topicName()));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
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
        StringBuilder json = new StringBuilder();
        consumeStats(json, group, topics);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes one ConsumeStats object of {@code group} over {@code topics} (those the broker has; the
     * consume rate is the group's over the last minute) and returns the backlog it lists.
     */
    private long consumeStats(StringBuilder json, String group, Collection<String> topics) {
        double tps = 0;
        long backlog = 0;
        StringBuilder table = new StringBuilder();
        boolean first = true;
        for (String topic : topics) {
            TopicConfig config = broker.topics().get(topic);
            if (config == null) {
                continue;
            }
            tps += stats.groupGetTps(group, topic);
            for (int queueId = 0; queueId < config.readQueueNums(); queueId++) {
                long brokerOffset = broker.store().maxOffset(topic, queueId);
                long consumerOffset = Math.max(0, broker.offsets().query(group, topic, queueId));
                backlog += Math.max(0, brokerOffset - consumerOffset);
                if (!first) {
                    table.append(',');
                }
                first = false;
                table.append(queueKey(topic, queueId)).append(":{\"brokerOffset\":").append(brokerOffset)
                        .append(",\"consumerOffset\":").append(consumerOffset)
                        .append(",\"lastTimestamp\":")
                        .append(consumerOffset > 0 ? storeTime(topic, queueId, consumerOffset - 1) : 0)
                        .append(",\"pullOffset\":").append(consumerOffset).append('}');
            }
        }
        json.append("{\"consumeTps\":").append(tps).append(",\"offsetTable\":{").append(table).append("}}");
        return backlog;
    }

    /**
     * GET_BROKER_CONSUME_STATS: for every subscription group, a ConsumeStats per topic it holds
     * offsets for (left out: topics the broker no longer has, topics an online group does not
     * subscribe to, and with {@code onlyOrdered} topics that are not ordered), and the total backlog.
     */
    byte[] brokerConsumeStats(boolean onlyOrdered) {
        StringBuilder list = new StringBuilder();
        long totalDiff = 0;
        for (String group : new TreeSet<>(broker.groups().all().keySet())) {
            ClientRegistry.ConsumerGroup online = broker.clients().consumerGroup(group);
            StringBuilder perTopic = new StringBuilder();
            for (String topic : new TreeSet<>(broker.offsets().topicsOf(group))) {
                TopicConfig config = broker.topics().get(topic);
                if (config == null || (onlyOrdered && !config.order())
                        || (online != null && !online.subscriptions().isEmpty()
                        && !online.subscriptions().containsKey(topic))) {
                    continue;
                }
                if (!perTopic.isEmpty()) {
                    perTopic.append(',');
                }
                totalDiff += consumeStats(perTopic, group, Set.of(topic));
            }
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append('{').append(string(group)).append(":[").append(perTopic).append("]}");
        }
        return ("{\"brokerAddr\":" + string(broker.address()) + ",\"consumeStatsList\":[" + list
                + "],\"totalDiff\":" + totalDiff + ",\"totalInflightDiff\":0}").getBytes(StandardCharsets.UTF_8);
    }

    /** GET_CONSUMER_CONNECTION_LIST: the group's connections and subscriptions, or null when none is online. */
    byte[] consumerConnections(String group) {
        ClientRegistry.ConsumerGroup online = broker.clients().consumerGroup(group);
        if (online == null || online.members().isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"connectionSet\":");
        connections(json, online.members());
        json.append(",\"consumeFromWhere\":").append(string(online.consumeFromWhere()))
                .append(",\"consumeType\":").append(string(online.consumeType()))
                .append(",\"messageModel\":").append(string(online.messageModel()))
                .append(",\"subscriptionTable\":");
        json.append(new String(RemotingJson.encode(new TreeMap<String, SubscriptionData>(
                online.subscriptions())), StandardCharsets.UTF_8));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** GET_PRODUCER_CONNECTION_LIST: the group's connections, or null when none is online. */
    byte[] producerConnections(String group) {
        var members = broker.clients().producers(group);
        if (members.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"connectionSet\":");
        connections(json, members);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array of Connection objects: the client's id, address, language and version (its heartbeat's). */
    private static void connections(StringBuilder json, Collection<ClientRegistry.Member> members) {
        json.append('[');
        boolean first = true;
        for (ClientRegistry.Member member : members) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"clientAddr\":").append(string(String.valueOf(member.connection().remoteAddress())
                            .replaceFirst("^/", "")))
                    .append(",\"clientId\":").append(string(member.clientId()))
                    .append(",\"language\":").append(string(member.language()))
                    .append(",\"version\":").append(member.version()).append('}');
        }
        json.append(']');
    }

    /** QUERY_TOPIC_CONSUME_BY_WHO: groups subscribed to the topic or holding offsets for it. */
    byte[] consumedBy(String topic) {
        Set<String> groups = new TreeSet<>(broker.clients().groupsSubscribing(topic));
        groups.addAll(broker.offsets().groupsOf(topic));
        return RemotingJson.encode(Map.of("groupList", groups));
    }

    /** QUERY_TOPICS_BY_CONSUMER: the topics the group holds offsets for, with this broker's address. */
    byte[] topicsConsumedBy(String group) {
        return ("{\"brokerAddr\":" + string(broker.address()) + ",\"topicList\":"
                + new String(RemotingJson.encode(new TreeSet<>(broker.offsets().topicsOf(group))),
                StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * QUERY_CONSUME_TIME_SPAN: per writable queue, the store times of the oldest and newest message,
     * of the last one the group consumed (the oldest when it consumed none), and how long the next
     * one to consume has waited (0 when there is none).
     */
    byte[] consumeTimeSpan(TopicConfig topic, String group) {
        String name = topic.topicName();
        long now = broker.clock().millis();
        StringBuilder json = new StringBuilder("{\"consumeTimeSpanSet\":[");
        for (int queueId = 0; queueId < topic.writeQueueNums(); queueId++) {
            long min = broker.store().minOffset(name, queueId);
            long max = broker.store().maxOffset(name, queueId);
            long minTime = broker.store().earliestStoreTime(name, queueId);
            long maxTime = max > min ? storeTime(name, queueId, max - 1) : -1;
            long committed = broker.offsets().query(group, name, queueId);
            long consumeTime = committed > 0 && committed > min ? storeTime(name, queueId, committed - 1) : minTime;
            long next = Math.max(committed, min);
            long delay = next < max ? Math.max(0, now - storeTime(name, queueId, next)) : 0;
            if (queueId > 0) {
                json.append(',');
            }
            json.append("{\"consumeTimeStamp\":").append(consumeTime).append(",\"delayTime\":").append(delay)
                    .append(",\"maxTimeStamp\":").append(maxTime)
                    .append(",\"messageQueue\":").append(queueKey(name, queueId))
                    .append(",\"minTimeStamp\":").append(minTime).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * QUERY_CONSUME_QUEUE: up to {@code count} entries of a consume queue from {@code index}: the
     * record's commit-log offset and size and its tag hash (String.hashCode of TAGS, 0 without, as
     * the consume queue holds it), with the group's subscription when one is named.
     */
    byte[] consumeQueue(String topic, int queueId, long index, int count, String group) {
        StringBuilder json = new StringBuilder("{");
        if (group != null && !group.isEmpty()) {
            ClientRegistry.ConsumerGroup online = broker.clients().consumerGroup(group);
            SubscriptionData subscription = online == null ? null : online.subscriptions().get(topic);
            if (subscription == null) {
                json.append("\"filterData\":").append(string(group + "@" + topic + " is not online!")).append(',');
            } else {
                json.append("\"subscriptionData\":")
                        .append(new String(RemotingJson.encode(subscription), StandardCharsets.UTF_8)).append(',');
            }
        }
        json.append("\"maxQueueIndex\":").append(broker.store().maxOffset(topic, queueId))
                .append(",\"minQueueIndex\":").append(broker.store().minOffset(topic, queueId))
                .append(",\"queueData\":[");
        RecordView view = new RecordView();
        long offset = index;
        int listed = 0;
        while (listed < count) {
            try (GetMessageResult read = broker.store().getMessages(topic, queueId, offset, count - listed,
                    Integer.MAX_VALUE, null)) {
                if (read.messageCount() == 0) {
                    break;
                }
                for (ByteBuffer record : read.messages()) {
                    view.wrap(record, record.position());
                    String tags = MessageProperties.get(view.properties(), PropertyNames.TAGS);
                    if (listed > 0) {
                        json.append(',');
                    }
                    json.append("{\"eval\":false,\"physicOffset\":").append(view.physicalOffset())
                            .append(",\"physicSize\":").append(view.totalSize())
                            .append(",\"tagsCode\":").append(tags == null ? 0 : tags.hashCode()).append('}');
                    listed++;
                }
                offset = read.nextBeginOffset();
            }
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** VIEW_BROKER_STATS_DATA: a BrokerStatsData. */
    static byte[] brokerStatsData(BrokerStats.Windows windows) {
        return ("{\"statsDay\":" + item(windows.day()) + ",\"statsHour\":" + item(windows.hour())
                + ",\"statsMinute\":" + item(windows.minute()) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String item(Window window) {
        return "{\"avgpt\":" + window.avgpt() + ",\"sum\":" + window.sum() + ",\"tps\":" + window.tps() + "}";
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

    static String string(String value) {
        return value == null ? "null" : new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }
}
