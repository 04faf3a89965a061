package dev.mq.message.record;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    @Property(tries = 300)
    void everyFieldSurvivesEncodeAndDecode(@ForAll("messages") AppendMessage message) {
        byte[] bytes = RecordEncoder.encode(message, STORE_HOST);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        RecordView view = new RecordView();

        assertThat(view.check(buffer, 0, bytes.length, true)).isEqualTo(RecordView.Check.VALID);
        assertThat(view.totalSize()).isEqualTo(bytes.length);
        assertThat(view.topic()).isEqualTo(message.topic());
        assertThat(view.queueId()).isEqualTo(message.queueId());
        assertThat(view.flag()).isEqualTo(message.flag());
        assertThat(view.bornTimestamp()).isEqualTo(message.bornTimestamp());
        assertThat(view.reconsumeTimes()).isEqualTo(message.reconsumeTimes());
        assertThat(view.preparedTransactionOffset()).isEqualTo(message.preparedTransactionOffset());
        assertThat(view.body()).isEqualTo(message.body());
        assertThat(view.properties()).isEqualTo(message.properties());
        assertThat(view.sysFlag() & ~(MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6))
                .isEqualTo(message.sysFlag() & ~(MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6));
        boolean bornV6 = message.bornHost().getAddress().getAddress().length == 16;
        assertThat((view.sysFlag() & MessageSysFlag.BORN_HOST_V6) != 0).isEqualTo(bornV6);
        assertThat(view.magic()).isEqualTo(message.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > RecordLayout.MAX_TOPIC_BYTES ? RecordLayout.MAGIC_V2 : RecordLayout.MAGIC_V1);
    }

    @Property(tries = 200)
    void anySingleFlippedByteInTheBodyIsCaughtByTheCrc(@ForAll("messages") AppendMessage message,
                                                       @ForAll int where) {
        byte[] bytes = RecordEncoder.encode(message, STORE_HOST);
        RecordView view = new RecordView().wrap(ByteBuffer.wrap(bytes), 0);
        if (message.body().length == 0) {
            return;
        }
        int at = view.bodyPosition() + Math.floorMod(where, message.body().length);
        bytes[at] ^= 0x40;
        assertThat(new RecordView().check(ByteBuffer.wrap(bytes), 0, bytes.length, true))
                .isEqualTo(RecordView.Check.CORRUPT);
    }

    @Property(tries = 200)
    void aTruncatedRecordIsNeverValid(@ForAll("messages") AppendMessage message, @ForAll int cut) {
        byte[] bytes = RecordEncoder.encode(message, STORE_HOST);
        int limit = Math.floorMod(cut, bytes.length);
        assertThat(new RecordView().check(ByteBuffer.wrap(bytes), 0, limit, false))
                .isNotEqualTo(RecordView.Check.VALID);
    }

    @Test
    void theEncodingMatchesTheRocketMqLayoutByteForByte() throws UnknownHostException {
        AppendMessage message = new AppendMessage("T", 3, 7, 0, 0x0102030405060708L,
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 0x1234), 2, 0L,
                new byte[] {'h', 'i'}, "K\u0001V\u0002");
        byte[] bytes = RecordEncoder.encode(message, STORE_HOST);
        String hex = HexFormat.of().formatHex(bytes);
        // fixed part: 84 bytes; body 4+2; topic 1+1; properties 2+4 => 98
        assertThat(bytes).hasSize(98);
        assertThat(hex).startsWith("00000062" + "daa320a7");
        assertThat(hex.substring(24, 40)).isEqualTo("00000003" + "00000007"); // queue id, flag
        assertThat(hex.substring(80, 96)).isEqualTo("0102030405060708"); // born timestamp at 40
        assertThat(hex.substring(96, 112)).isEqualTo("0a000001" + "00001234"); // born host at 48
        assertThat(hex.substring(128, 144)).isEqualTo("7f000001" + "00002a9f"); // store host at 64
        assertThat(hex.substring(144, 152)).isEqualTo("00000002"); // reconsume times at 72
        assertThat(hex.substring(168)).isEqualTo("00000002" + "6869" + "01" + "54" + "0004" + "4b01560" + "2");
    }

    @Test
    void topicsLongerThan127BytesUseTheV2Magic() {
        String topic = "t".repeat(200);
        byte[] bytes = RecordEncoder.encode(AppendMessage.of(topic, 0, new byte[1], "", 1), STORE_HOST);
        RecordView view = new RecordView().wrap(ByteBuffer.wrap(bytes), 0);
        assertThat(view.magic()).isEqualTo(RecordLayout.MAGIC_V2);
        assertThat(view.topic()).isEqualTo(topic);
    }

    @Test
    void propertiesLongerThanTheLayoutAllowsAreRejected() {
        AppendMessage message = AppendMessage.of("T", 0, new byte[1], "k\u0001" + "v".repeat(40_000) + "\u0002", 1);
        assertThatThrownBy(() -> RecordEncoder.encode(message, STORE_HOST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("properties");
    }

    @Test
    void aBlankRecordFillingTheRestIsRecognised() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        buffer.putInt(16, 48).putInt(20, RecordLayout.MAGIC_BLANK);
        assertThat(new RecordView().check(buffer, 16, 64, false)).isEqualTo(RecordView.Check.BLANK);
        assertThat(new RecordView().check(buffer, 0, 64, false)).isEqualTo(RecordView.Check.EMPTY);
    }

    @Property(tries = 200)
    void propertiesRoundTripThroughTheirStringForm(@ForAll("propertyMaps") Map<String, String> properties) {
        String text = MessageProperties.format(properties);
        assertThat(MessageProperties.parse(text)).isEqualTo(properties);
        properties.forEach((name, value) -> assertThat(MessageProperties.get(text, name)).isEqualTo(value));
    }

    @Property(tries = 200)
    void propertiesReadInPlaceAgreeWithTheParsedString(@ForAll("messages") AppendMessage message,
                                                      @ForAll("propertyMaps") Map<String, String> probe) {
        byte[] bytes = RecordEncoder.encode(message, STORE_HOST);
        RecordView view = new RecordView().wrap(ByteBuffer.wrap(bytes), 0);
        Map<String, String> stored = MessageProperties.parse(message.properties());
        for (String name : stored.keySet()) {
            assertThat(view.property(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(stored.get(name));
        }
        for (String name : probe.keySet()) {
            assertThat(view.property(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isEqualTo(MessageProperties.get(message.properties(), name));
        }
        assertThat(view.topicEquals(message.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(view.topicEquals((message.topic() + "x").getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void propertyLookupDoesNotMatchANameInsideAnotherNameOrValue() {
        String text = "XTAGS\u0001a\u0002K\u0001TAGS\u0002TAGS\u0001real\u0002";
        assertThat(MessageProperties.get(text, "TAGS")).isEqualTo("real");
        assertThat(MessageProperties.get("K\u0001TAGS\u0002", "TAGS")).isNull();
    }

    @Provide
    Arbitrary<AppendMessage> messages() {
        Arbitrary<String> topics = Arbitraries.strings().withCharRange('a', 'z').withChars('%', '_', '-', 'é')
                .ofMinLength(1).ofMaxLength(300);
        Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        Arbitrary<InetSocketAddress> hosts = Arbitraries.of(
                new InetSocketAddress("127.0.0.1", 1234), new InetSocketAddress("::1", 5678),
                new InetSocketAddress("192.168.1.20", 0));
        return Combinators.combine(topics, Arbitraries.integers().between(0, 1023), Arbitraries.integers(),
                Arbitraries.integers().between(0, 0x7FF), Arbitraries.longs(), hosts, bodies, propertyMaps())
                .as((topic, queueId, flag, sysFlag, born, host, body, props) -> new AppendMessage(topic, queueId,
                        flag, sysFlag, born, host, Math.abs(flag % 20), Math.abs(born % 1000), body,
                        MessageProperties.format(props)));
    }

    @Provide
    Arbitrary<Map<String, String>> propertyMaps() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> values = Arbitraries.strings().alpha().numeric().withChars(' ', '#', '中')
                .ofMinLength(1).ofMaxLength(40);
        return Arbitraries.maps(names, values).ofMaxSize(8).map(LinkedHashMap::new);
    }
}
