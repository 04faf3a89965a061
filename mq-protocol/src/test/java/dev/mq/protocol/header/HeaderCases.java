package dev.mq.protocol.header;

import static dev.mq.protocol.header.HeaderCase.request;
import static dev.mq.protocol.header.HeaderCase.response;
import static dev.mq.protocol.header.HeaderCase.wire;

import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every header record with its wire form written out by hand, as {@link HeaderContractTest} checks
 * them. The field names here are typed from remoting-protocol.md (and admin-extensions.md), not
 * copied from the records, so a misspelt constant in a record fails.
 */
final class HeaderCases {

    private HeaderCases() {
    }

    private static final Map<String, String> NO_DEFAULTS = Map.of();

    static List<HeaderCase<?>> all() {
        List<HeaderCase<?>> cases = new ArrayList<>();
        cases.addAll(send());
        cases.addAll(pull());
        cases.addAll(offsets());
        cases.addAll(messagesAndClients());
        cases.addAll(admin());
        cases.addAll(nameServerAndBrokerToClient());
        return cases;
    }

    // ---- sending (section 3.2) ----

    /** A properties string as clients build it: name 0x01 value 0x02, control characters and all. */
    static final String PROPERTIES = "TAGS\u0001TagA\u0002WAIT\u0001true\u0002UNIQ_KEY\u00017F0000010001\u0002";

    static List<HeaderCase<?>> send() {
        SendMessageHeader single = new SendMessageHeader("pg", "TopicA", "TBW102", 8, 2, 0x301, 1700000000123L, 5,
                PROPERTIES, 1, false, 16, false, "broker-a");
        SendMessageHeader batch = new SendMessageHeader("pg", "TopicA", "TBW102", 8, 2, 0, 1700000000123L, 5,
                PROPERTIES, 0, false, 16, true, "broker-a");
        return List.of(
                request("SEND_MESSAGE", RequestCode.SEND_MESSAGE, SendMessageHeader::read, single,
                        wire("producerGroup", "pg", "topic", "TopicA", "defaultTopic", "TBW102",
                                "defaultTopicQueueNums", "8", "queueId", "2", "sysFlag", "769",
                                "bornTimestamp", "1700000000123", "flag", "5", "properties", PROPERTIES,
                                "reconsumeTimes", "1", "unitMode", "false", "maxReconsumeTimes", "16",
                                "batch", "false", "bname", "broker-a"),
                        new SendMessageHeader("pg", "TopicA", null, 4, 2, 0, 0L, 0, null, 0, null, null, false, null),
                        wire("defaultTopicQueueNums", "4", "sysFlag", "0", "bornTimestamp", "0", "flag", "0",
                                "reconsumeTimes", "0", "batch", "false"),
                        "producerGroup", "topic", "queueId"),
                request("SEND_MESSAGE_V2", RequestCode.SEND_MESSAGE_V2, SendMessageHeader::read, single,
                        wire("a", "pg", "b", "TopicA", "c", "TBW102", "d", "8", "e", "2", "f", "769",
                                "g", "1700000000123", "h", "5", "i", PROPERTIES, "j", "1", "k", "false", "l", "16",
                                "m", "false", "n", "broker-a"),
                        new SendMessageHeader("pg", "TopicA", null, 4, 2, 0, 0L, 0, null, 0, null, null, false, null),
                        wire("d", "4", "f", "0", "g", "0", "h", "0", "j", "0", "m", "false"),
                        "a", "b", "e")
                        .writtenWith(SendMessageHeader::writeV2To),
                request("SEND_BATCH_MESSAGE", RequestCode.SEND_BATCH_MESSAGE, SendMessageHeader::read, batch,
                        wire("a", "pg", "b", "TopicA", "c", "TBW102", "d", "8", "e", "2", "f", "0",
                                "g", "1700000000123", "h", "5", "i", PROPERTIES, "j", "0", "k", "false", "l", "16",
                                "m", "true", "n", "broker-a"),
                        new SendMessageHeader("pg", "TopicA", null, 4, 2, 0, 0L, 0, null, 0, null, null, true, null),
                        wire("d", "4", "f", "0", "g", "0", "h", "0", "j", "0", "m", "true"),
                        "a", "b", "e")
                        .writtenWith(SendMessageHeader::writeV2To),
                response("SEND_MESSAGE response", ResponseCode.SUCCESS, SendMessageResponseHeader::read,
                        new SendMessageResponseHeader("7F00000100002A9F0000000000000000", 2, 42L, "7F0000010001",
                                "7F0000010002", "handle", "DefaultRegion", true),
                        wire("msgId", "7F00000100002A9F0000000000000000", "queueId", "2", "queueOffset", "42",
                                "transactionId", "7F0000010001", "batchUniqId", "7F0000010002",
                                "recallHandle", "handle", "MSG_REGION", "DefaultRegion", "TRACE_ON", "true"),
                        new SendMessageResponseHeader("7F00000100002A9F0000000000000000", 2, 42L, null, null, null,
                                null, null),
                        NO_DEFAULTS, "msgId", "queueId", "queueOffset"));
    }

    // ---- pulling (section 3.3) ----

    static List<HeaderCase<?>> pull() {
        PullMessageHeader pull = new PullMessageHeader("cg", "TopicA", 3, 42L, 32, 7, 40L, 15000L, 262144,
                "TagA || TagB", "TAG", 1700000000000L, "broker-a");
        Map<String, String> pullWire = wire(
                "consumerGroup", "cg", "topic", "TopicA", "queueId", "3", "queueOffset", "42", "maxMsgNums", "32",
                "sysFlag", "7", "commitOffset", "40", "suspendTimeoutMillis", "15000", "maxMsgBytes", "262144",
                "subscription", "TagA || TagB", "expressionType", "TAG", "subVersion", "1700000000000",
                "bname", "broker-a");
        PullMessageHeader pullMinimal = new PullMessageHeader("cg", "TopicA", 3, 42L, 32, 7, null, null, null, null,
                null, null, null);
        String[] pullRequired = {"consumerGroup", "topic", "queueId", "queueOffset", "maxMsgNums", "sysFlag"};
        return List.of(
                request("PULL_MESSAGE", RequestCode.PULL_MESSAGE, PullMessageHeader::read, pull, pullWire,
                        pullMinimal, NO_DEFAULTS, pullRequired),
                request("LITE_PULL_MESSAGE", RequestCode.LITE_PULL_MESSAGE, PullMessageHeader::read, pull, pullWire,
                        pullMinimal, NO_DEFAULTS, pullRequired),
                response("PULL_MESSAGE response", ResponseCode.SUCCESS, PullMessageResponseHeader::read,
                        new PullMessageResponseHeader(1L, 100L, 5L, 120L, 7L, 2, 3, 4),
                        wire("suggestWhichBrokerId", "1", "nextBeginOffset", "100", "minOffset", "5",
                                "maxOffset", "120", "offsetDelta", "7", "topicSysFlag", "2", "groupSysFlag", "3",
                                "forbiddenType", "4"),
                        PullMessageResponseHeader.of(1L, 100L, 5L, 120L), NO_DEFAULTS,
                        "suggestWhichBrokerId", "nextBeginOffset", "minOffset", "maxOffset"));
    }

    // ---- offsets and queue metadata (section 3.4) ----

    static List<HeaderCase<?>> offsets() {
        return List.of(
                request("QUERY_CONSUMER_OFFSET", RequestCode.QUERY_CONSUMER_OFFSET, QueryConsumerOffsetHeader::read,
                        new QueryConsumerOffsetHeader("cg", "TopicA", 1, false, "broker-a"),
                        wire("consumerGroup", "cg", "topic", "TopicA", "queueId", "1", "setZeroIfNotFound", "false",
                                "bname", "broker-a"),
                        new QueryConsumerOffsetHeader("cg", "TopicA", 1, null, null), NO_DEFAULTS,
                        "consumerGroup", "topic", "queueId"),
                request("UPDATE_CONSUMER_OFFSET", RequestCode.UPDATE_CONSUMER_OFFSET, UpdateConsumerOffsetHeader::read,
                        new UpdateConsumerOffsetHeader("cg", "TopicA", 1, 77L, "broker-a"),
                        wire("consumerGroup", "cg", "topic", "TopicA", "queueId", "1", "commitOffset", "77",
                                "bname", "broker-a"),
                        new UpdateConsumerOffsetHeader("cg", "TopicA", 1, 77L, null), NO_DEFAULTS,
                        "consumerGroup", "topic", "queueId", "commitOffset"),
                request("SEARCH_OFFSET_BY_TIMESTAMP", RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, SearchOffsetHeader::read,
                        new SearchOffsetHeader("TopicA", 1, 1700000000000L, "UPPER"),
                        wire("topic", "TopicA", "queueId", "1", "timestamp", "1700000000000", "boundaryType", "UPPER"),
                        new SearchOffsetHeader("TopicA", 1, 1700000000000L, null), NO_DEFAULTS,
                        "topic", "queueId", "timestamp"),
                request("GET_MAX_OFFSET", RequestCode.GET_MAX_OFFSET, GetMaxOffsetHeader::read,
                        new GetMaxOffsetHeader("TopicA", 1, true),
                        wire("topic", "TopicA", "queueId", "1", "committed", "true"),
                        new GetMaxOffsetHeader("TopicA", 1, null), NO_DEFAULTS, "topic", "queueId"),
                request("GET_MIN_OFFSET", RequestCode.GET_MIN_OFFSET, TopicQueueHeader::read,
                        new TopicQueueHeader("TopicA", 1), wire("topic", "TopicA", "queueId", "1"),
                        new TopicQueueHeader("TopicA", 1), NO_DEFAULTS, "topic", "queueId"),
                request("GET_EARLIEST_MSG_STORETIME", RequestCode.GET_EARLIEST_MSG_STORETIME, TopicQueueHeader::read,
                        new TopicQueueHeader("TopicA", 1), wire("topic", "TopicA", "queueId", "1"),
                        new TopicQueueHeader("TopicA", 1), NO_DEFAULTS, "topic", "queueId"),
                response("offset response", ResponseCode.SUCCESS, OffsetResponseHeader::read,
                        new OffsetResponseHeader(1234L), wire("offset", "1234"),
                        new OffsetResponseHeader(1234L), NO_DEFAULTS, "offset"),
                response("GET_EARLIEST_MSG_STORETIME response", ResponseCode.SUCCESS,
                        GetEarliestMsgStoretimeResponseHeader::read,
                        new GetEarliestMsgStoretimeResponseHeader(1700000000000L), wire("timestamp", "1700000000000"),
                        new GetEarliestMsgStoretimeResponseHeader(1700000000000L), NO_DEFAULTS, "timestamp"));
    }

    // ---- queries, clients, retries, transactions (sections 3.5-3.9) ----

    static List<HeaderCase<?>> messagesAndClients() {
        return List.of(
                request("QUERY_MESSAGE", RequestCode.QUERY_MESSAGE, QueryMessageHeader::read,
                        new QueryMessageHeader("TopicA", "order-7", 32, 1000L, 2000L, true),
                        wire("topic", "TopicA", "key", "order-7", "maxNum", "32", "beginTimestamp", "1000",
                                "endTimestamp", "2000", "_UNIQUE_KEY_QUERY", "true"),
                        new QueryMessageHeader("TopicA", "order-7", 32, 1000L, 2000L, false),
                        wire("_UNIQUE_KEY_QUERY", "false"),
                        "topic", "key", "maxNum", "beginTimestamp", "endTimestamp"),
                response("QUERY_MESSAGE response", ResponseCode.SUCCESS, QueryMessageResponseHeader::read,
                        new QueryMessageResponseHeader(1700000000000L, 4096L),
                        wire("indexLastUpdateTimestamp", "1700000000000", "indexLastUpdatePhyoffset", "4096"),
                        new QueryMessageResponseHeader(1700000000000L, 4096L), NO_DEFAULTS,
                        "indexLastUpdateTimestamp", "indexLastUpdatePhyoffset"),
                request("VIEW_MESSAGE_BY_ID", RequestCode.VIEW_MESSAGE_BY_ID, ViewMessageHeader::read,
                        new ViewMessageHeader(4096L, "TopicA"), wire("offset", "4096", "topic", "TopicA"),
                        new ViewMessageHeader(4096L, null), NO_DEFAULTS, "offset"),
                request("UNREGISTER_CLIENT", RequestCode.UNREGISTER_CLIENT, UnregisterClientHeader::read,
                        new UnregisterClientHeader("10.0.0.5@12345#1", "pg", "cg"),
                        wire("clientID", "10.0.0.5@12345#1", "producerGroup", "pg", "consumerGroup", "cg"),
                        new UnregisterClientHeader(null, null, null), NO_DEFAULTS),
                request("CONSUMER_SEND_MSG_BACK", RequestCode.CONSUMER_SEND_MSG_BACK, ConsumerSendMsgBackHeader::read,
                        new ConsumerSendMsgBackHeader(4096L, "cg", 3, "7F0000010001", "TopicA", false, 16, "broker-a"),
                        wire("offset", "4096", "group", "cg", "delayLevel", "3", "originMsgId", "7F0000010001",
                                "originTopic", "TopicA", "unitMode", "false", "maxReconsumeTimes", "16",
                                "bname", "broker-a"),
                        new ConsumerSendMsgBackHeader(4096L, "cg", 0, null, null, null, null, null),
                        wire("delayLevel", "0"), "offset", "group"),
                request("END_TRANSACTION", RequestCode.END_TRANSACTION, EndTransactionHeader::read,
                        new EndTransactionHeader("pg", 5L, 4096L, 8, true, "7F0000010001", "7F0000010001", "TopicA",
                                "broker-a"),
                        wire("producerGroup", "pg", "tranStateTableOffset", "5", "commitLogOffset", "4096",
                                "commitOrRollback", "8", "fromTransactionCheck", "true", "msgId", "7F0000010001",
                                "transactionId", "7F0000010001", "topic", "TopicA", "bname", "broker-a"),
                        new EndTransactionHeader("pg", 5L, 4096L, 8, null, null, null, null, null), NO_DEFAULTS,
                        "producerGroup", "tranStateTableOffset", "commitLogOffset", "commitOrRollback"),
                request("GET_CONSUMER_LIST_BY_GROUP", RequestCode.GET_CONSUMER_LIST_BY_GROUP, ConsumerGroupHeader::read,
                        new ConsumerGroupHeader("cg"), wire("consumerGroup", "cg"),
                        new ConsumerGroupHeader("cg"), NO_DEFAULTS, "consumerGroup"),
                request("NOTIFY_CONSUMER_IDS_CHANGED", RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                        ConsumerGroupHeader::read, new ConsumerGroupHeader("cg"), wire("consumerGroup", "cg"),
                        new ConsumerGroupHeader("cg"), NO_DEFAULTS, "consumerGroup"));
    }

    // ---- admin requests (section 3.10, admin-extensions.md) ----

    static List<HeaderCase<?>> admin() {
        List<HeaderCase<?>> cases = new ArrayList<>(List.of(
                request("UPDATE_AND_CREATE_TOPIC", RequestCode.UPDATE_AND_CREATE_TOPIC, CreateTopicHeader::read,
                        new CreateTopicHeader("TopicA", "TBW102", 8, 4, 7, "MULTI_TAG", 1, true,
                                "+message.type=NORMAL", true),
                        wire("topic", "TopicA", "defaultTopic", "TBW102", "readQueueNums", "8", "writeQueueNums", "4",
                                "perm", "7", "topicFilterType", "MULTI_TAG", "topicSysFlag", "1", "order", "true",
                                "attributes", "+message.type=NORMAL", "force", "true"),
                        new CreateTopicHeader("TopicA", null, 8, 4, 6, null, 0, false, null, null),
                        wire("perm", "6", "topicSysFlag", "0", "order", "false"),
                        "topic", "readQueueNums", "writeQueueNums"),
                request("DELETE_SUBSCRIPTIONGROUP", RequestCode.DELETE_SUBSCRIPTIONGROUP,
                        DeleteSubscriptionGroupHeader::read, new DeleteSubscriptionGroupHeader("cg"),
                        wire("groupName", "cg"), new DeleteSubscriptionGroupHeader("cg"), NO_DEFAULTS, "groupName"),
                request("GET_CONSUME_STATS", RequestCode.GET_CONSUME_STATS, GetConsumeStatsHeader::read,
                        new GetConsumeStatsHeader("cg", "TopicA"), wire("consumerGroup", "cg", "topic", "TopicA"),
                        new GetConsumeStatsHeader("cg", null), NO_DEFAULTS, "consumerGroup"),
                request("GET_CONSUMER_CONNECTION_LIST", RequestCode.GET_CONSUMER_CONNECTION_LIST,
                        ConsumerGroupHeader::read, new ConsumerGroupHeader("cg"), wire("consumerGroup", "cg"),
                        new ConsumerGroupHeader("cg"), NO_DEFAULTS, "consumerGroup"),
                request("INVOKE_BROKER_TO_RESET_OFFSET", RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                        ResetOffsetHeader::read, new ResetOffsetHeader("TopicA", "cg", -1L, true, 2, 40L),
                        wire("topic", "TopicA", "group", "cg", "timestamp", "-1", "isForce", "true", "queueId", "2",
                                "offset", "40"),
                        new ResetOffsetHeader("TopicA", "cg", -1L, false, -1, null),
                        wire("isForce", "false", "queueId", "-1"), "topic", "group", "timestamp"),
                request("RESET_CONSUMER_CLIENT_OFFSET", RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                        ResetConsumerClientOffsetHeader::read,
                        new ResetConsumerClientOffsetHeader("TopicA", "cg", 1700000000000L, true),
                        wire("topic", "TopicA", "group", "cg", "timestamp", "1700000000000", "isForce", "true"),
                        new ResetConsumerClientOffsetHeader("TopicA", "cg", 1700000000000L, false),
                        wire("isForce", "false"), "topic", "group", "timestamp"),
                request("LIST_DEAD_LETTERS", RequestCode.LIST_DEAD_LETTERS, ListDeadLettersHeader::read,
                        new ListDeadLettersHeader("cg", 2L, 100), wire("group", "cg", "offset", "2", "maxCount", "100"),
                        new ListDeadLettersHeader("cg", null, 32), wire("maxCount", "32"), "group"),
                request("RESEND_DEAD_LETTERS", RequestCode.RESEND_DEAD_LETTERS, ResendDeadLettersHeader::read,
                        new ResendDeadLettersHeader("cg"), wire("group", "cg"), new ResendDeadLettersHeader("cg"),
                        NO_DEFAULTS, "group"),
                request("VIEW_BROKER_STATS_DATA", RequestCode.VIEW_BROKER_STATS_DATA, ViewBrokerStatsDataHeader::read,
                        new ViewBrokerStatsDataHeader("GROUP_GET_NUMS", "TopicA@cg"),
                        wire("statsName", "GROUP_GET_NUMS", "statsKey", "TopicA@cg"),
                        new ViewBrokerStatsDataHeader("GROUP_GET_NUMS", "TopicA@cg"), NO_DEFAULTS,
                        "statsName", "statsKey"),
                request("GET_BROKER_CONSUME_STATS", RequestCode.GET_BROKER_CONSUME_STATS,
                        GetConsumeStatsInBrokerHeader::read, new GetConsumeStatsInBrokerHeader(true),
                        wire("isOrder", "true"), new GetConsumeStatsInBrokerHeader(true), NO_DEFAULTS, "isOrder"),
                request("QUERY_TOPICS_BY_CONSUMER", RequestCode.QUERY_TOPICS_BY_CONSUMER,
                        GroupHeader::read, new GroupHeader("cg"), wire("group", "cg"),
                        new GroupHeader("cg"), NO_DEFAULTS, "group"),
                request("GET_SUBSCRIPTIONGROUP_CONFIG", RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, GroupHeader::read,
                        new GroupHeader("cg"), wire("group", "cg"), new GroupHeader("cg"), NO_DEFAULTS, "group"),
                request("QUERY_CONSUME_TIME_SPAN", RequestCode.QUERY_CONSUME_TIME_SPAN,
                        QueryConsumeTimeSpanHeader::read, new QueryConsumeTimeSpanHeader("TopicA", "cg"),
                        wire("topic", "TopicA", "group", "cg"), new QueryConsumeTimeSpanHeader("TopicA", "cg"),
                        NO_DEFAULTS, "topic", "group"),
                request("QUERY_CONSUME_QUEUE", RequestCode.QUERY_CONSUME_QUEUE, QueryConsumeQueueHeader::read,
                        new QueryConsumeQueueHeader("TopicA", 2, 40L, 10, "cg"),
                        wire("topic", "TopicA", "queueId", "2", "index", "40", "count", "10", "consumerGroup", "cg"),
                        new QueryConsumeQueueHeader("TopicA", 2, 40L, 10, null), NO_DEFAULTS,
                        "topic", "queueId", "index", "count"),
                request("GET_CONSUMER_RUNNING_INFO", RequestCode.GET_CONSUMER_RUNNING_INFO,
                        GetConsumerRunningInfoHeader::read,
                        new GetConsumerRunningInfoHeader("cg", "10.0.0.5@12345#1", true),
                        wire("consumerGroup", "cg", "clientId", "10.0.0.5@12345#1", "jstackEnable", "true"),
                        new GetConsumerRunningInfoHeader("cg", "10.0.0.5@12345#1", null), NO_DEFAULTS,
                        "consumerGroup", "clientId"),
                request("GET_PRODUCER_CONNECTION_LIST", RequestCode.GET_PRODUCER_CONNECTION_LIST,
                        ProducerGroupHeader::read, new ProducerGroupHeader("pg"), wire("producerGroup", "pg"),
                        new ProducerGroupHeader("pg"), NO_DEFAULTS, "producerGroup")));
        for (int code : new int[] {RequestCode.GET_TOPIC_STATS_INFO, RequestCode.DELETE_TOPIC_IN_BROKER,
                RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, RequestCode.GET_TOPIC_CONFIG}) {
            cases.add(request("topic request " + code, code, TopicHeader::read, new TopicHeader("TopicA"),
                    wire("topic", "TopicA"), new TopicHeader("TopicA"), NO_DEFAULTS, "topic"));
        }
        return cases;
    }

    // ---- name server (section 3.1) and requests the broker sends to clients (3.5, 3.7) ----

    static List<HeaderCase<?>> nameServerAndBrokerToClient() {
        return List.of(
                request("REGISTER_BROKER", RequestCode.REGISTER_BROKER, RegisterBrokerHeader::read,
                        new RegisterBrokerHeader("broker-a", "10.0.0.1:10911", "DefaultCluster", "10.0.0.1:10912",
                                0L, true, 123456789, 120000L, false, "zone-1", true),
                        wire("brokerName", "broker-a", "brokerAddr", "10.0.0.1:10911", "clusterName", "DefaultCluster",
                                "haServerAddr", "10.0.0.1:10912", "brokerId", "0", "compressed", "true",
                                "bodyCrc32", "123456789", "heartbeatTimeoutMillis", "120000",
                                "enableActingMaster", "false", "__ZONE_NAME", "zone-1", "mqCompleteTopicTable", "true"),
                        new RegisterBrokerHeader("broker-a", "10.0.0.1:10911", "DefaultCluster", null, 0L, false,
                                null, null, null, null),
                        wire("compressed", "false"), "brokerName", "brokerAddr", "clusterName", "brokerId"),
                response("REGISTER_BROKER response", ResponseCode.SUCCESS, RegisterBrokerResponseHeader::read,
                        new RegisterBrokerResponseHeader("10.0.0.1:10912", "10.0.0.1:10911"),
                        wire("haServerAddr", "10.0.0.1:10912", "masterAddr", "10.0.0.1:10911"),
                        new RegisterBrokerResponseHeader(null, null), NO_DEFAULTS),
                request("UNREGISTER_BROKER", RequestCode.UNREGISTER_BROKER, UnregisterBrokerHeader::read,
                        new UnregisterBrokerHeader("broker-a", "10.0.0.1:10911", "DefaultCluster", 0L),
                        wire("brokerName", "broker-a", "brokerAddr", "10.0.0.1:10911", "clusterName", "DefaultCluster",
                                "brokerId", "0"),
                        new UnregisterBrokerHeader(null, "10.0.0.1:10911", null, null), NO_DEFAULTS, "brokerAddr"),
                request("GET_ROUTEINFO_BY_TOPIC", RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRouteInfoHeader::read,
                        new GetRouteInfoHeader("TopicA", true),
                        wire("topic", "TopicA", "acceptStandardJsonOnly", "true"),
                        new GetRouteInfoHeader("TopicA", null), NO_DEFAULTS, "topic"),
                request("DELETE_TOPIC_IN_NAMESRV", RequestCode.DELETE_TOPIC_IN_NAMESRV,
                        DeleteTopicFromNamesrvHeader::read, new DeleteTopicFromNamesrvHeader("TopicA", "DefaultCluster"),
                        wire("topic", "TopicA", "clusterName", "DefaultCluster"),
                        new DeleteTopicFromNamesrvHeader("TopicA", null), NO_DEFAULTS, "topic"),
                request("GET_TOPICS_BY_CLUSTER", RequestCode.GET_TOPICS_BY_CLUSTER, GetTopicsByClusterHeader::read,
                        new GetTopicsByClusterHeader("DefaultCluster"), wire("cluster", "DefaultCluster"),
                        new GetTopicsByClusterHeader("DefaultCluster"), NO_DEFAULTS, "cluster"),
                request("GET_KVLIST_BY_NAMESPACE", RequestCode.GET_KVLIST_BY_NAMESPACE,
                        GetKvListByNamespaceHeader::read, new GetKvListByNamespaceHeader("ORDER_TOPIC_CONFIG"),
                        wire("namespace", "ORDER_TOPIC_CONFIG"), new GetKvListByNamespaceHeader("ORDER_TOPIC_CONFIG"),
                        NO_DEFAULTS, "namespace"),
                request("GET_KV_CONFIG", RequestCode.GET_KV_CONFIG, GetKvConfigHeader::read,
                        new GetKvConfigHeader("ORDER_TOPIC_CONFIG", "TopicA"),
                        wire("namespace", "ORDER_TOPIC_CONFIG", "key", "TopicA"),
                        new GetKvConfigHeader(null, null), NO_DEFAULTS),
                request("CHECK_TRANSACTION_STATE", RequestCode.CHECK_TRANSACTION_STATE,
                        CheckTransactionStateHeader::read,
                        new CheckTransactionStateHeader("RMQ_SYS_TRANS_HALF_TOPIC", 5L, 4096L, "7F0000010001",
                                "7F0000010001", "7F00000100002A9F0000000000001000", "broker-a"),
                        wire("topic", "RMQ_SYS_TRANS_HALF_TOPIC", "tranStateTableOffset", "5",
                                "commitLogOffset", "4096", "msgId", "7F0000010001", "transactionId", "7F0000010001",
                                "offsetMsgId", "7F00000100002A9F0000000000001000", "bname", "broker-a"),
                        new CheckTransactionStateHeader(null, 5L, 4096L, null, null, null, null), NO_DEFAULTS,
                        "tranStateTableOffset", "commitLogOffset"));
    }
}
