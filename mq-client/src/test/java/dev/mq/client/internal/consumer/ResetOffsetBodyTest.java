package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.protocol.RemotingCommandException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResetOffsetBodyTest {

    @Test
    void readsTheBodyApacheBrokersWrite() {
        var body = new org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody();
        Map<org.apache.rocketmq.common.message.MessageQueue, Long> table = new HashMap<>();
        table.put(new org.apache.rocketmq.common.message.MessageQueue("Orders", "broker-a", 0), 12L);
        table.put(new org.apache.rocketmq.common.message.MessageQueue("Orders", "broker-b", 3), 0L);
        body.setOffsetTable(table);
        byte[] encoded = body.encode(); // fastjson, object keys

        assertThat(ResetOffsetBody.parse(encoded)).containsOnly(
                Map.entry(new MessageQueue("Orders", "broker-a", 0), 12L),
                Map.entry(new MessageQueue("Orders", "broker-b", 3), 0L));
    }

    @Test
    void readsOurBrokersBodyAndStringKeys() {
        String ours = "{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T}{\\\"x\"}:7}}";
        assertThat(ResetOffsetBody.parse(ours.getBytes(StandardCharsets.UTF_8)))
                .containsOnly(Map.entry(new MessageQueue("T}{\"x", "b", 1), 7L));
        String quoted = "{\"offsetTable\":{\"{\\\"brokerName\\\":\\\"b\\\",\\\"queueId\\\":2,\\\"topic\\\":\\\"T\\\"}\":9}}";
        assertThat(ResetOffsetBody.parse(quoted.getBytes(StandardCharsets.UTF_8)))
                .containsOnly(Map.entry(new MessageQueue("T", "b", 2), 9L));
        assertThat(ResetOffsetBody.parse("{\"offsetTable\":{}}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void somethingElseIsRefusedClearly() {
        assertThatThrownBy(() -> ResetOffsetBody.parse("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RemotingCommandException.class).hasMessageContaining("no offsetTable");
        assertThatThrownBy(() -> ResetOffsetBody.parse("{\"offsetTable\":{{\"queueId\":1}:x}}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ResetOffsetBody.parse(null)).hasMessageContaining("no body");
    }
}
