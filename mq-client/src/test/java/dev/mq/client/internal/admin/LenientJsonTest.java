package dev.mq.client.internal.admin;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lenient reader of fastjson-style admin bodies. */
class LenientJsonTest {

    @Test
    void readsObjectsAsMapKeysAsFastjsonWritesMapsKeyedByMessageQueue() {
        JsonObject body = LenientJson.parseObject(("{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:"
                + "{\"maxOffset\":3},{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:7}}").getBytes());

        Map<Object, Object> table = body.object("offsetTable").members();

        assertThat(table).hasSize(2);
        Object firstKey = table.keySet().iterator().next();
        assertThat(firstKey).isInstanceOf(JsonObject.class);
        assertThat(((JsonObject) firstKey).string("topic")).isEqualTo("T");
        assertThat(((JsonObject) firstKey).longValue("queueId")).isEqualTo(1L);
        assertThat(((JsonObject) table.get(firstKey)).longValue("maxOffset")).isEqualTo(3L);
        assertThat(table.values()).contains(7L);
    }

    @Test
    void readsBareNumberAndWordKeysSingleQuotesAndTrailingCommas() {
        JsonObject body = LenientJson.parseObject("{brokerAddrs:{0:\"127.0.0.1:10911\",1:'10.0.0.2:10911',},}".getBytes());

        assertThat(body.object("brokerAddrs").members()).containsEntry("0", "127.0.0.1:10911")
                .containsEntry("1", "10.0.0.2:10911");
    }

    @Test
    void readsEveryValueKindAndEscape() {
        Object parsed = LenientJson.parse("[1, -2, 3.5, 1e3, 99999999999999999999, true, false, null, "
                + "\"a\\\"b\\\\c\\/d\\n\\u00e9\", {}, []]");

        assertThat(parsed).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) parsed;
        assertThat(values).containsExactly(1L, -2L, new BigDecimal("3.5"), new BigDecimal("1e3"),
                new BigDecimal("99999999999999999999"), true, false, null, "a\"b\\c/d\né", JsonObject.empty(), List.of());
    }

    @Test
    void accessorsAreLenientAboutNumbersInStringsAndWrongKinds() {
        JsonObject object = LenientJson.parseObject("{\"a\":\"12\",\"b\":\" 3.5 \",\"c\":[1],\"d\":\"x\",\"e\":\"true\"}"
                .getBytes());

        assertThat(object.longValue("a")).isEqualTo(12L);
        assertThat(object.doubleValue("b")).isEqualTo(3.5);
        assertThat(object.longValue("b")).isEqualTo(3L);
        assertThat(object.string("c")).isNull();
        assertThat(object.longValue("d")).isNull();
        assertThat(object.longValue("missing", -7)).isEqualTo(-7);
        assertThat(object.bool("e")).isTrue();
        assertThat(object.object("c")).isNull();
        assertThat(object.array("a")).isEmpty();
    }

    @Test
    void badTextIsRefusedNamingThePosition() {
        assertThatThrownBy(() -> LenientJson.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 5");
        assertThatThrownBy(() -> LenientJson.parse("{\"a\":1} x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> LenientJson.parse("\"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> LenientJson.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
        assertThatThrownBy(() -> LenientJson.parse("[1 2]")).hasMessageContaining("expected ',' or ']'");
        assertThatThrownBy(() -> LenientJson.parseObject(new byte[0])).hasMessageContaining("no body");
        assertThatThrownBy(() -> LenientJson.parseObject("[1]".getBytes())).hasMessageContaining("an array");
    }

    @Test
    void readsEveryRecordedAnswerOfApacheAndOurServer() {
        for (String name : List.of("cluster-info", "broker-runtime-info", "topic-stats", "consume-stats",
                "consumer-connections", "consume-time-span", "consumer-running-info", "reset-offset",
                "all-consumer-offset", "broker-consume-stats", "all-topic-config", "broker-stats-data",
                "topic-consume-by-who")) {
            assertThat(LenientJson.parseObject(RecordedBodies.APACHE.load(name)).members()).as(name).isNotEmpty();
        }
        for (String name : List.of("cluster-info", "broker-runtime-info", "topic-stats", "consume-stats",
                "consumer-connections", "consume-time-span", "reset-offset", "broker-consume-stats", "all-topic-config",
                "broker-stats-data", "topic-consume-by-who", "topics-by-consumer", "topics-by-cluster", "system-topics",
                "all-subscription-group-config")) {
            assertThat(LenientJson.parseObject(RecordedBodies.OURS.load(name)).members()).as(name).isNotEmpty();
        }
        // broker ids: Apache writes bare numbers, ours strings; both read as the same key
        assertThat(LenientJson.parseObject(RecordedBodies.APACHE.load("cluster-info")).object("brokerAddrTable")
                .object("broker-a").object("brokerAddrs").members()).containsOnlyKeys("0");
        assertThat(LenientJson.parseObject(RecordedBodies.OURS.load("cluster-info")).object("brokerAddrTable")
                .object("broker-a").object("brokerAddrs").members()).containsOnlyKeys("0");
        // {"offsetTable":{"Topic@group":{0:3,1:3}}}: bare number keys inside
        JsonObject offsets = LenientJson.parseObject(RecordedBodies.APACHE.load("all-consumer-offset"));
        assertThat(offsets.object("offsetTable").object("ProbeTopic@probe-cg").members()).containsEntry("0", 3L);
    }
}
