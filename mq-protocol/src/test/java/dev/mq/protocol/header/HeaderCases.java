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
}
