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
        cases.addAll(pull());
        return cases;
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
