package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordEncoder;
import dev.mq.message.record.RecordLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored records (pull, query and check-back bodies) become received messages. */
class RecordDecoderTest {

    private static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);
    private static final InetSocketAddress BORN = new InetSocketAddress("10.0.0.7", 40000);

    private static byte[] record(String topic, int sysFlag, byte[] body, Map<String, String> properties,
                                 long queueOffset, long physicalOffset, long storeTimestamp) {
        byte[] record = RecordEncoder.encode(new AppendMessage(topic, 2, 0, sysFlag, 1_700_000_000_000L, BORN, 3, 0L,
                body, MessageProperties.format(properties)), STORE);
        ByteBuffer buffer = ByteBuffer.wrap(record);
        buffer.putLong(RecordLayout.QUEUE_OFFSET, queueOffset);
        buffer.putLong(RecordLayout.PHYSICAL_OFFSET, physicalOffset);
        buffer.putLong(RecordLayout.storeTimestampPosition(sysFlag), storeTimestamp);
        return record;
    }

    private static Map<String, String> properties(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void concatenatedRecordsDecodeWithIdsOffsetsTimesAndBothKindsOfProperties() throws Exception {
        byte[] first = record("Orders", 0, "one".getBytes(StandardCharsets.UTF_8), properties(PropertyNames.UNIQ_KEY,
                "AABB", PropertyNames.TAGS, "created", PropertyNames.KEYS, "k1 k2", "region", "eu"), 5, 1000,
                1_700_000_000_500L);
        byte[] second = record("Orders", 0, "two".getBytes(StandardCharsets.UTF_8), properties("a", "b"), 6, 2000,
                1_700_000_000_600L);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(first);
        body.write(second);

        List<ReceivedMessage> messages = RecordDecoder.decodeAll(body.toByteArray());

        assertThat(messages).hasSize(2);
        ReceivedMessage one = messages.get(0);
        assertThat(one.messageId()).isEqualTo("AABB");
        assertThat(one.offsetMessageId()).isEqualTo(MessageIds.offsetMessageId(STORE, 1000));
        assertThat(one.topic()).isEqualTo("Orders");
        assertThat(one.tags()).isEqualTo("created");
        assertThat(one.keys()).containsExactly("k1", "k2");
        assertThat(one.properties()).containsOnly(Map.entry("region", "eu"));
        assertThat(one.systemProperties()).containsOnlyKeys(PropertyNames.UNIQ_KEY, PropertyNames.TAGS,
                PropertyNames.KEYS);
        assertThat(one.queueId()).isEqualTo(2);
        assertThat(one.queueOffset()).isEqualTo(5);
        assertThat(one.commitLogOffset()).isEqualTo(1000);
        assertThat(one.bornTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(one.storeTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(one.reconsumeTimes()).isEqualTo(3);
        ReceivedMessage two = messages.get(1);
        assertThat(two.messageId()).as("without UNIQ_KEY the offset id").isEqualTo(two.offsetMessageId());
        assertThat(new String(two.body(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(two.keys()).isEmpty();
        assertThat(two.tags()).isNull();
    }

    @Test
    void recordsInADirectBufferDecodeAsFromAnArrayAndOutliveIt() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(record("Orders", 0, "one".getBytes(StandardCharsets.UTF_8), properties(PropertyNames.UNIQ_KEY,
                "AABB", PropertyNames.TAGS, "created", PropertyNames.KEYS, "k1 k2", "region", "é".repeat(300)), 5, 1000,
                1_700_000_000_500L));
        body.write(record("%RETRY%group", 0, "two".getBytes(StandardCharsets.UTF_8),
                properties(PropertyNames.RETRY_TOPIC, "Orders"), 6, 2000, 1_700_000_000_600L));
        byte[] bytes = body.toByteArray();
        // a frame's view: a direct buffer whose index 0 is not the memory's first byte
        ByteBuffer frame = ByteBuffer.allocateDirect(bytes.length + 3).position(3).slice().put(bytes).clear();

        List<ReceivedMessage> fromFrame = RecordDecoder.decodeAll(frame, "b");
        frame.put(new byte[bytes.length]); // the frame's memory is reused once released

        assertThat(fromFrame).usingRecursiveComparison().isEqualTo(RecordDecoder.decodeAll(bytes, "b"));
        assertThat(fromFrame.get(0).properties()).containsOnly(Map.entry("region", "é".repeat(300)));
        assertThat(fromFrame.get(1).topic()).isEqualTo("Orders");
        assertThat(new String(fromFrame.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("two");
    }

    @Test
    void offsetMessageIdsFollowTheStoreHostOfEachRecordIPv4AndIPv6() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress("fe80::1:2:3", 10911);
        InetSocketAddress other = new InetSocketAddress("10.1.2.3", 10912);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(record("T", 0, new byte[] {1}, Map.of(), 0, 0xABCDEF0123L, 0));
        body.write(RecordEncoder.encode(new AppendMessage("T", 0, 0, 0x20, 1L, BORN, 0, 0L, new byte[] {2}, ""), v6));
        body.write(RecordEncoder.encode(new AppendMessage("T", 0, 0, 0, 1L, BORN, 0, 0L, new byte[] {3}, ""), other));
        body.write(record("T", 0, new byte[] {4}, Map.of(), 0, Long.MAX_VALUE, 0));

        List<ReceivedMessage> messages = RecordDecoder.decodeAll(body.toByteArray(), "b");

        assertThat(messages.get(0).offsetMessageId()).isEqualTo(MessageIds.offsetMessageId(STORE, 0xABCDEF0123L));
        assertThat(messages.get(1).offsetMessageId()).hasSize(56).isEqualTo(MessageIds.offsetMessageId(v6, 0));
        assertThat(messages.get(2).offsetMessageId()).isEqualTo(MessageIds.offsetMessageId(other, 0));
        assertThat(messages.get(3).offsetMessageId()).isEqualTo(MessageIds.offsetMessageId(STORE, Long.MAX_VALUE));
        assertThat(messages).allSatisfy(m -> assertThat(m.brokerName()).isEqualTo("b"));
    }

    @Test
    void propertiesAreParsedOnFirstUseAndStayUnmodifiable() {
        ReceivedMessage message = RecordDecoder.decodeOne(record("T", 0, new byte[] {1},
                properties(PropertyNames.TAGS, "t", "user", "v", PropertyNames.KEYS, "a  b"), 0, 0, 0));
        assertThat(message.keys()).containsExactly("a", "b");
        assertThat(message.properties()).containsOnly(Map.entry("user", "v"));
        assertThat(message.systemProperties()).containsEntry(PropertyNames.TAGS, "t").doesNotContainKey("user");
        assertThatThrownBy(() -> message.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.properties().entrySet().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(message.properties()).isEqualTo(Map.of("user", "v")).hasSameHashCodeAs(Map.of("user", "v"));
    }

    @Test
    void aRetryMessageGetsItsOriginalTopicBack() {
        byte[] retry = record("%RETRY%group", 0, "x".getBytes(StandardCharsets.UTF_8),
                properties(PropertyNames.RETRY_TOPIC, "Orders"), 0, 0, 0);

        assertThat(RecordDecoder.decodeOne(retry).topic()).isEqualTo("Orders");
    }

    @Test
    void compressedBodiesAreInflated() {
        byte[] text = "compress me ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] record = record("T", Compression.ZLIB_COMPRESSED, Compression.zlib(text, 5), Map.of(), 0, 0, 0);

        assertThat(RecordDecoder.decodeOne(record).body()).isEqualTo(text);
    }

    @Test
    void aTruncatedOrCorruptBodyIsRefusedNamingThePosition() {
        byte[] first = record("T", 0, "one".getBytes(StandardCharsets.UTF_8), Map.of(), 0, 0, 0);
        byte[] second = record("T", 0, "two".getBytes(StandardCharsets.UTF_8), Map.of(), 1, 100, 0);
        byte[] body = Arrays.copyOf(first, first.length + second.length - 5);
        System.arraycopy(second, 0, body, first.length, second.length - 5);

        assertThatThrownBy(() -> RecordDecoder.decodeAll(body)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("at byte " + first.length);
        assertThatThrownBy(() -> RecordDecoder.decodeOne(new byte[0])).isInstanceOf(MqClientException.class)
                .hasMessageContaining("found 0");
        assertThat(RecordDecoder.decodeAll(null)).isEmpty();
    }
}
