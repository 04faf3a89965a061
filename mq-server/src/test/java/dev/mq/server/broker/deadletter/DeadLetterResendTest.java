package dev.mq.server.broker.deadletter;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.server.broker.TestStore;
import dev.mq.store.StoredMessages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The re-send of a dead letter stored in a real store, as the retry path leaves it. */
class DeadLetterResendTest {

    @TempDir
    Path dir;

    private TestStore test;

    @BeforeEach
    void open() {
        test = new TestStore(dir);
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void aDeadLetterIsRebuiltForItsOriginTopicWithoutRetryBookkeeping() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PropertyNames.UNIQ_KEY, "U1");
        properties.put(PropertyNames.KEYS, "order-1 order-2");
        properties.put(PropertyNames.TAGS, "TagA");
        properties.put("color", "red");
        properties.put(PropertyNames.RETRY_TOPIC, "Orders");
        properties.put(PropertyNames.DLQ_ORIGIN_TOPIC, "Orders");
        properties.put(PropertyNames.DLQ_ORIGIN_MESSAGE_ID, "U1");
        properties.put(PropertyNames.ORIGIN_MESSAGE_ID, "U1");
        properties.put(PropertyNames.REAL_TOPIC, "%RETRY%g");
        properties.put(PropertyNames.REAL_QUEUE_ID, "0");
        properties.put(PropertyNames.MAX_RECONSUME_TIMES, "2");
        properties.put(PropertyNames.RECONSUME_TIME, "3");
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        InetSocketAddress born = new InetSocketAddress("10.0.0.7", 5555);
        int sysFlag = MessageSysFlag.withTransactionType(1, MessageSysFlag.TRANSACTION_COMMIT); // compressed, committed
        long offset = test.append(new AppendMessage("%DLQ%g", 0, 9, sysFlag, 1234L, born, 3, 0L, body,
                MessageProperties.format(properties)));

        AppendMessage resend;
        try (StoredMessages stored = test.store.readAt(offset)) {
            ByteBuffer record = stored.messages().get(0);
            resend = DeadLetterResend.build(record, "Orders", 2);
        }

        assertThat(resend.topic()).isEqualTo("Orders");
        assertThat(resend.queueId()).isEqualTo(2);
        assertThat(resend.body()).isEqualTo(body);
        assertThat(resend.flag()).isEqualTo(9);
        assertThat(resend.sysFlag()).as("compression kept, transaction type cleared").isEqualTo(1);
        assertThat(resend.bornTimestamp()).isEqualTo(1234L);
        assertThat(resend.bornHost()).isEqualTo(born);
        assertThat(resend.reconsumeTimes()).isZero();
        assertThat(MessageProperties.parse(resend.properties())).containsOnly(
                entry(PropertyNames.UNIQ_KEY, "U1"), entry(PropertyNames.KEYS, "order-1 order-2"),
                entry(PropertyNames.TAGS, "TagA"), entry("color", "red"),
                entry(PropertyNames.RECONSUME_TIME, "0"));
    }

    @Test
    void theOriginTopicFallsBackFromDlqOriginToRetryTopicToRealTopic() {
        assertThat(DeadLetterResend.originTopic(Map.of(PropertyNames.DLQ_ORIGIN_TOPIC, "A",
                PropertyNames.RETRY_TOPIC, "B"))).isEqualTo("A");
        assertThat(DeadLetterResend.originTopic(Map.of(PropertyNames.RETRY_TOPIC, "B",
                PropertyNames.REAL_TOPIC, "C"))).isEqualTo("B");
        assertThat(DeadLetterResend.originTopic(Map.of(PropertyNames.REAL_TOPIC, "C"))).isEqualTo("C");
        assertThat(DeadLetterResend.originTopic(Map.of(PropertyNames.REAL_TOPIC, "%RETRY%g")))
                .as("a retry topic is not an origin").isNull();
        assertThat(DeadLetterResend.originTopic(Map.of(PropertyNames.DLQ_ORIGIN_TOPIC, "%DLQ%g",
                PropertyNames.RETRY_TOPIC, "B"))).isEqualTo("B");
        assertThat(DeadLetterResend.originTopic(Map.of("KEYS", "k"))).isNull();
    }
}
