package dev.mq.client.internal.admin;

import dev.mq.client.admin.BrokerRuntimeStats;
import dev.mq.client.admin.BrokerStatsSnapshot;
import dev.mq.client.admin.ConsumerClient;
import dev.mq.client.admin.ConsumerRunningInfo;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.QueueStatus;
import dev.mq.client.admin.Subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Readers of admin answer bodies, for what our server and Apache 5.x write (both read with
 * {@link LenientJson}, so fastjson's object map keys and bare number keys are fine). Each reader
 * takes what it knows and ignores the rest; a required part that is missing is an
 * {@link IllegalArgumentException}, which the caller reports as an unreadable answer.
 */
final class Bodies {

    private Bodies() {
    }

    /**
     * A message-queue map key: {@code {"brokerName":"b","queueId":0,"topic":"T"}} as an object (fastjson),
     * or the same text as a string key.
     */
    static QueueRef queue(Object key) {
        JsonObject object = key instanceof JsonObject o ? o
                : key instanceof String s && s.trim().startsWith("{") ? LenientJson.parseObject(s.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) : null;
        if (object == null || object.string("topic") == null || object.string("brokerName") == null
                || object.longValue("queueId") == null) {
            throw new IllegalArgumentException("not a message queue key: " + key);
        }
        return new QueueRef(object.string("topic"), object.string("brokerName"), object.longValue("queueId").intValue());
    }

    /** {@code {"groupList":[...]}} or {@code {"topicList":[...]}}: the names of {@code member}. */
    static Set<String> names(byte[] body, String member) {
        Set<String> names = new TreeSet<>();
        for (Object name : LenientJson.parseObject(body).array(member)) {
            String text = JsonObject.text(name);
            if (text != null) {
                names.add(text);
            }
        }
        return names;
    }

    // ---- brokers ----

    /** GET_BROKER_RUNTIME_INFO: a KVTable {@code {"table":{"putTps":"1.0 0.9 0.8",...}}}, values as strings. */
    static BrokerRuntimeStats runtime(byte[] body) {
        JsonObject table = LenientJson.parseObject(body).objectOrEmpty("table");
        Map<String, String> raw = new TreeMap<>();
        table.members().forEach((key, value) -> {
            String text = JsonObject.text(value);
            raw.put(String.valueOf(key), text != null ? text : value == null ? "" : String.valueOf(value));
        });
        String version = blankToNull(raw.get("brokerVersionDesc"));
        OptionalLong boot = longOf(raw.get("bootTimestamp"));
        return new BrokerRuntimeStats(Optional.ofNullable(version), firstRate(raw.get("putTps")),
                firstRate(raw.getOrDefault("getTransferredTps", raw.get("getTransferedTps"))),
                difference(raw.get("msgPutTotalTodayNow"), raw.get("msgPutTotalTodayMorning")),
                difference(raw.get("msgGetTotalTodayNow"), raw.get("msgGetTotalTodayMorning")),
                difference(raw.get("msgPutTotalTodayMorning"), raw.get("msgPutTotalYesterdayMorning")),
                difference(raw.get("msgGetTotalTodayMorning"), raw.get("msgGetTotalYesterdayMorning")),
                doubleOf(raw.get("commitLogDiskRatio")), longOf(raw.get("commitLogMinOffset")),
                longOf(raw.get("commitLogMaxOffset")), longOf(raw.get("dispatchBehindBytes")),
                boot.isPresent() && boot.getAsLong() > 0 ? Optional.of(Instant.ofEpochMilli(boot.getAsLong()))
                        : Optional.empty(), raw);
    }

    /** The first of Apache's "10 s, 1 min, 10 min" rates ({@code "1.5 1.2 0.9"}); empty when blank. */
    private static OptionalDouble firstRate(String rates) {
        if (rates == null || rates.isBlank()) {
            return OptionalDouble.empty();
        }
        return doubleOf(rates.trim().split("\\s+")[0]);
    }

    private static OptionalLong difference(String later, String earlier) {
        OptionalLong a = longOf(later);
        OptionalLong b = longOf(earlier);
        return a.isPresent() && b.isPresent() ? OptionalLong.of(Math.max(0, a.getAsLong() - b.getAsLong()))
                : OptionalLong.empty();
    }

    private static OptionalLong longOf(String text) {
        Long value = JsonObject.toLong(blankToNull(text));
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalDouble doubleOf(String text) {
        Double value = JsonObject.toDouble(blankToNull(text));
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() || text.equals("null") ? null : text;
    }

    /**
     * GET_BROKER_CONFIG: a properties text, one {@code key=value} per line, read as Apache's tools read it
     * ({@link java.util.Properties#load}: our server escapes what that would misread; Apache writes values as
     * they are).
     */
    static Map<String, String> properties(byte[] body) {
        Map<String, String> properties = new TreeMap<>();
        if (body == null) {
            return properties;
        }
        java.util.Properties loaded = new java.util.Properties();
        try {
            loaded.load(new java.io.StringReader(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
        loaded.forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value).trim()));
        return properties;
    }

    /** VIEW_BROKER_STATS_DATA: {@code {"statsMinute":{"sum","tps","avgpt"},"statsHour":...,"statsDay":...}}. */
    static BrokerStatsSnapshot brokerStats(byte[] body, String broker, String statsName, String statsKey) {
        JsonObject stats = LenientJson.parseObject(body);
        return new BrokerStatsSnapshot(broker, statsName, statsKey, window(stats.objectOrEmpty("statsMinute")),
                window(stats.objectOrEmpty("statsHour")), window(stats.objectOrEmpty("statsDay")));
    }

    private static BrokerStatsSnapshot.Window window(JsonObject window) {
        Double tps = window.doubleValue("tps");
        Double avgpt = window.doubleValue("avgpt");
        return new BrokerStatsSnapshot.Window(window.longValue("sum", 0), tps == null ? 0 : tps,
                avgpt == null ? 0 : avgpt);
    }

    // ---- topics ----

    /**
     * One topic's configuration on one broker.
     *
     * @param messageType the 5.x {@code message.type} attribute, or null
     */
    record TopicConfigRow(String topic, int readQueues, int writeQueues, int perm, boolean order, String messageType) {
    }

    /** GET_ALL_TOPIC_CONFIG: {@code {"topicConfigTable":{name:{"topicName","readQueueNums",...}},"dataVersion":{...}}}. */
    static Map<String, TopicConfigRow> topicConfigs(byte[] body) {
        Map<String, TopicConfigRow> configs = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : LenientJson.parseObject(body).objectOrEmpty("topicConfigTable")
                .members().entrySet()) {
            if (!(entry.getValue() instanceof JsonObject config)) {
                continue;
            }
            String name = config.string("topicName") != null ? config.string("topicName") : String.valueOf(entry.getKey());
            JsonObject attributes = config.objectOrEmpty("attributes");
            String type = attributes.string("message.type") != null ? attributes.string("message.type")
                    : attributes.string("+message.type");
            configs.put(name, new TopicConfigRow(name, (int) config.longValue("readQueueNums", 0),
                    (int) config.longValue("writeQueueNums", 0), (int) config.longValue("perm", 0),
                    Boolean.TRUE.equals(config.bool("order")), type));
        }
        return configs;
    }

    /**
     * GET_TOPIC_STATS_INFO: {@code {"offsetTable":{<queue>:{"minOffset","maxOffset","lastUpdateTimestamp"}}}}, sorted.
     */
    static List<QueueStatus> topicStats(byte[] body) {
        Map<QueueRef, QueueStatus> queues = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : LenientJson.parseObject(body).objectOrEmpty("offsetTable").members()
                .entrySet()) {
            QueueRef queue = queue(entry.getKey());
            JsonObject offsets = entry.getValue() instanceof JsonObject o ? o : JsonObject.empty();
            long last = offsets.longValue("lastUpdateTimestamp", 0);
            queues.put(queue, new QueueStatus(queue, offsets.longValue("minOffset", 0), offsets.longValue("maxOffset", 0),
                    last > 0 ? Optional.of(Instant.ofEpochMilli(last)) : Optional.empty()));
        }
        return List.copyOf(queues.values());
    }

    // ---- consumer groups ----

    /**
     * One queue of a GET_CONSUME_STATS answer.
     *
     * @param consumerOffset the group's offset as the broker reports it (0 also when it has none)
     * @param lastTimestamp  store time of the last consumed message, 0 when none
     */
    record OffsetRow(QueueRef queue, long brokerOffset, long consumerOffset, long lastTimestamp) {
    }

    /** GET_CONSUME_STATS: {@code {"consumeTps":d,"offsetTable":{<queue>:{"brokerOffset","consumerOffset","lastTimestamp"}}}}. */
    static List<OffsetRow> consumeStats(byte[] body) {
        return offsetRows(LenientJson.parseObject(body));
    }

    private static List<OffsetRow> offsetRows(JsonObject stats) {
        Map<QueueRef, OffsetRow> rows = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : stats.objectOrEmpty("offsetTable").members().entrySet()) {
            QueueRef queue = queue(entry.getKey());
            JsonObject offsets = entry.getValue() instanceof JsonObject o ? o : JsonObject.empty();
            rows.put(queue, new OffsetRow(queue, offsets.longValue("brokerOffset", 0),
                    offsets.longValue("consumerOffset", 0), offsets.longValue("lastTimestamp", 0)));
        }
        return List.copyOf(rows.values());
    }

    /**
     * GET_BROKER_CONSUME_STATS: {@code {"brokerAddr":..,"consumeStatsList":[{group:[ConsumeStats,...]},...],
     * "totalDiff":n}}: the rows of every group the broker knows (a group without offsets has none).
     */
    static Map<String, List<OffsetRow>> brokerConsumeStats(byte[] body) {
        Map<String, List<OffsetRow>> groups = new TreeMap<>();
        for (Object item : LenientJson.parseObject(body).array("consumeStatsList")) {
            if (!(item instanceof JsonObject byGroup)) {
                continue;
            }
            byGroup.members().forEach((group, stats) -> {
                List<OffsetRow> rows = groups.computeIfAbsent(String.valueOf(group), g -> new ArrayList<>());
                if (stats instanceof List<?> list) {
                    for (Object one : list) {
                        if (one instanceof JsonObject consumeStats) {
                            rows.addAll(offsetRows(consumeStats));
                        }
                    }
                }
            });
        }
        return groups;
    }

    /**
     * GET_CONSUMER_CONNECTION_LIST.
     *
     * @param subscriptions by topic
     */
    record Connections(List<ConsumerClient> clients, String consumeType, String messageModel, String consumeFromWhere,
                       Map<String, Subscription> subscriptions) {
    }

    /**
     * {@code {"connectionSet":[{"clientId","clientAddr","language","version"}],"consumeType","messageModel",
     * "consumeFromWhere","subscriptionTable":{topic:{"topic","subString","tagsSet","expressionType"}}}}.
     */
    static Connections connections(byte[] body) {
        JsonObject connections = LenientJson.parseObject(body);
        List<ConsumerClient> clients = new ArrayList<>();
        for (Object item : connections.array("connectionSet")) {
            if (item instanceof JsonObject c) {
                clients.add(new ConsumerClient(c.string("clientId"), c.string("clientAddr"), c.string("language"),
                        (int) c.longValue("version", 0)));
            }
        }
        clients.sort(java.util.Comparator.comparing(ConsumerClient::clientId,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        Map<String, Subscription> subscriptions = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : connections.objectOrEmpty("subscriptionTable").members().entrySet()) {
            if (entry.getValue() instanceof JsonObject s) {
                Subscription subscription = subscription(s, String.valueOf(entry.getKey()));
                subscriptions.put(subscription.topic(), subscription);
            }
        }
        return new Connections(List.copyOf(clients), connections.string("consumeType"),
                connections.string("messageModel"), connections.string("consumeFromWhere"), subscriptions);
    }

    private static Subscription subscription(JsonObject s, String fallbackTopic) {
        Set<String> tags = new LinkedHashSet<>();
        for (Object tag : s.array("tagsSet")) {
            String text = JsonObject.text(tag);
            if (text != null) {
                tags.add(text);
            }
        }
        String expression = s.string("subString");
        String type = s.string("expressionType") == null ? "TAG" : s.string("expressionType");
        if (tags.isEmpty() && expression != null && type.equals("TAG") && !expression.trim().equals("*")) {
            for (String tag : expression.split("\\|\\|")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return new Subscription(s.string("topic") != null ? s.string("topic") : fallbackTopic,
                expression == null ? "*" : expression, type, tags);
    }

    /**
     * QUERY_CONSUME_TIME_SPAN: per queue {@code delayTime}, the age in ms of the oldest message the group
     * has not consumed (0 when none): {@code {"consumeTimeSpanSet":[{"messageQueue":{...},"delayTime":n,...}]}}.
     */
    static Map<QueueRef, Long> delays(byte[] body) {
        Map<QueueRef, Long> delays = new TreeMap<>();
        for (Object item : LenientJson.parseObject(body).array("consumeTimeSpanSet")) {
            if (item instanceof JsonObject span && span.object("messageQueue") != null) {
                delays.put(queue(span.object("messageQueue")), span.longValue("delayTime", 0));
            }
        }
        return delays;
    }

    /**
     * GET_CONSUMER_RUNNING_INFO: {@code {"properties":{...},"subscriptionSet":[...],"mqTable":{<queue>:{...}},
     * "statusTable":{topic:{...}}}}.
     */
    static ConsumerRunningInfo runningInfo(byte[] body, String group, String clientId) {
        JsonObject info = LenientJson.parseObject(body);
        Map<String, String> properties = new TreeMap<>();
        info.objectOrEmpty("properties").members().forEach((key, value) -> {
            String text = JsonObject.text(value);
            if (text != null) {
                properties.put(String.valueOf(key), text);
            }
        });
        List<Subscription> subscriptions = new ArrayList<>();
        for (Object item : info.array("subscriptionSet")) {
            if (item instanceof JsonObject s) {
                subscriptions.add(subscription(s, ""));
            }
        }
        Map<QueueRef, ConsumerRunningInfo.ProcessQueue> queues = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : info.objectOrEmpty("mqTable").members().entrySet()) {
            JsonObject q = entry.getValue() instanceof JsonObject o ? o : JsonObject.empty();
            queues.put(queue(entry.getKey()), new ConsumerRunningInfo.ProcessQueue(q.longValue("commitOffset", 0),
                    q.longValue("cachedMsgCount", 0), Boolean.TRUE.equals(q.bool("locked")),
                    Boolean.TRUE.equals(q.bool("droped")) || Boolean.TRUE.equals(q.bool("dropped")),
                    instant(q.longValue("lastPullTimestamp", 0)), instant(q.longValue("lastConsumeTimestamp", 0))));
        }
        Map<String, ConsumerRunningInfo.Rates> rates = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : info.objectOrEmpty("statusTable").members().entrySet()) {
            JsonObject s = entry.getValue() instanceof JsonObject o ? o : JsonObject.empty();
            rates.put(String.valueOf(entry.getKey()), new ConsumerRunningInfo.Rates(number(s, "pullTPS"),
                    number(s, "consumeOKTPS"), number(s, "consumeFailedTPS"), number(s, "consumeRT"),
                    s.longValue("consumeFailedMsgs", 0)));
        }
        return new ConsumerRunningInfo(group, clientId, properties, subscriptions, queues, rates);
    }

    private static double number(JsonObject object, String name) {
        Double value = object.doubleValue(name);
        return value == null ? 0 : value;
    }

    static Optional<Instant> instant(long epochMillis) {
        return epochMillis > 0 ? Optional.of(Instant.ofEpochMilli(epochMillis)) : Optional.empty();
    }

    /** GET_ALL_SUBSCRIPTIONGROUP_CONFIG: the group names of {@code {"subscriptionGroupTable":{name:{...}}}}. */
    static Set<String> subscriptionGroups(byte[] body) {
        Set<String> groups = new TreeSet<>();
        for (Map.Entry<Object, Object> entry : LenientJson.parseObject(body).objectOrEmpty("subscriptionGroupTable")
                .members().entrySet()) {
            String name = entry.getValue() instanceof JsonObject g && g.string("groupName") != null
                    ? g.string("groupName") : String.valueOf(entry.getKey());
            groups.add(name);
        }
        return groups;
    }

    /** ResetOffsetBody: {@code {"offsetTable":{<queue>:offset}}}. */
    static Map<QueueRef, Long> resetOffsets(byte[] body) {
        Map<QueueRef, Long> offsets = new TreeMap<>();
        if (body == null || body.length == 0) {
            return offsets;
        }
        for (Map.Entry<Object, Object> entry : LenientJson.parseObject(body).objectOrEmpty("offsetTable").members()
                .entrySet()) {
            Long offset = JsonObject.toLong(entry.getValue());
            if (offset != null) {
                offsets.put(queue(entry.getKey()), offset);
            }
        }
        return offsets;
    }
}
