package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemotingCommandCodecTest {

    /** The JSON header of remoting-protocol.md section 1.2, as an Apache 4.9.8 client sends it. */
    private static final String APACHE_ROUTE_REQUEST_HEADER =
            "{\"code\":105,\"extFields\":{\"topic\":\"T\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":0,"
                    + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}";

    // ---- the documented JSON example ----

    @Test
    void apacheRouteRequestFrameDecodes() {
        byte[] header = APACHE_ROUTE_REQUEST_HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] frame = frame(0, header, new byte[0]);
        assertThat(header).hasSize(123);
        assertThat(ByteBufUtil.hexDump(frame, 0, 8)).isEqualTo("0000007f0000007b");

        RemotingCommand command = decodeFrame(frame);

        assertThat(command.code()).isEqualTo(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        assertThat(command.extFields()).containsExactly(Map.entry("topic", "T"));
        assertThat(command.flag()).isZero();
        assertThat(command.language()).isEqualTo("JAVA");
        assertThat(command.opaque()).isZero();
        assertThat(command.version()).isEqualTo(409);
        assertThat(command.remark()).isNull();
        assertThat(command.body()).isNull();
        assertThat(command.serializeType()).isEqualTo(SerializeType.JSON);
    }

    @Test
    void ourEncodingOfTheRouteRequestIsByteIdenticalToApaches() {
        RemotingCommand command = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .setVersion(409)
                .putExt("topic", "T");

        byte[] encoded = encode(command);

        assertThat(encoded).isEqualTo(frame(0, APACHE_ROUTE_REQUEST_HEADER.getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    @Test
    void lengthFieldAndHeaderWordAreSelfConsistent() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                    .putExt("b", "TopicA").setRemark("r").setBody(body).setSerializeType(type);

            ByteBuf frame = Unpooled.wrappedBuffer(encode(command));
            int length = frame.getInt(0);
            int headerWord = frame.getInt(4);
            int headerLength = headerWord & 0xFFFFFF;

            assertThat(length).isEqualTo(frame.readableBytes() - 4);
            assertThat(headerWord >>> 24).isEqualTo(type.code());
            assertThat(length).isEqualTo(4 + headerLength + body.length);
        }
    }

    // ---- the binary header ----

    @Test
    void handBuiltBinaryHeaderDecodes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(310);          // code
        out.writeByte(9);             // language GO
        out.writeShort(409);          // version
        out.writeInt(7);              // opaque
        out.writeInt(2);              // flag: oneway
        writeInt32String(out, "héllo");
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        DataOutputStream extOut = new DataOutputStream(ext);
        writeEntry(extOut, "a", "group");
        writeEntry(extOut, "b", "主题");
        writeEntry(extOut, "empty", "");
        out.writeInt(ext.size());
        out.write(ext.toByteArray());
        byte[] body = {9, 8, 7};

        RemotingCommand command = decodeFrame(frame(1, bytes.toByteArray(), body));

        assertThat(command.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(command.code()).isEqualTo(310);
        assertThat(command.language()).isEqualTo("GO");
        assertThat(command.version()).isEqualTo(409);
        assertThat(command.opaque()).isEqualTo(7);
        assertThat(command.isOneway()).isTrue();
        assertThat(command.remark()).isEqualTo("héllo");
        assertThat(command.extFields()).containsExactly(Map.entry("a", "group"), Map.entry("b", "主题"));
        assertThat(command.body()).containsExactly(9, 8, 7);
    }

    @Test
    void binaryEncodingMatchesTheDocumentedLayout() {
        RemotingCommand command = RemotingCommand.responseTo(
                        RemotingCommand.request(1).setOpaque(0x01020304), ResponseCode.SUCCESS, null)
                .setSerializeType(SerializeType.ROCKETMQ)
                .putExt("k", "v");

        byte[] frame = encode(command);

        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
                "00000021" + "01" + "00001d"   // length 33, type 1, header 29
                        + "0000" + "00" + "01df" // code 0, JAVA, version 479
                        + "01020304" + "00000001" // opaque, flag response
                        + "00000000"              // no remark
                        + "00000008" + "0001" + "6b" + "00000001" + "76");
    }

    @Test
    void emptyRemarkAndEmptyExtValuesDecodeAsAbsentInBinary() {
        RemotingCommand command = RemotingCommand.request(1).setSerializeType(SerializeType.ROCKETMQ)
                .setRemark("").putExt("k", "");

        RemotingCommand decoded = decodeFrame(encode(command));

        assertThat(decoded.remark()).isNull();
        assertThat(decoded.extFields()).isEmpty();
    }

    @Test
    void codesBeyondInt16CannotBeSentInBinary() {
        RemotingCommand pop = RemotingCommand.request(RequestCode.POP_MESSAGE).setSerializeType(SerializeType.ROCKETMQ);

        assertThatThrownBy(() -> RemotingCommandCodec.encode(pop, ByteBufAllocator.DEFAULT))
                .isInstanceOf(RemotingCommandException.class)
                .hasMessageContaining("200050");
        assertThat(decodeFrame(encode(pop.setSerializeType(SerializeType.JSON))).code()).isEqualTo(200050);
    }

    // ---- lenient JSON input ----

    @Test
    void jsonParsingIgnoresUnknownKeysKeepsDefaultsAndConvertsScalarExtValues() {
        String header = "{\"unknown\":{\"nested\":[1,2,{\"x\":null}]},\"code\":\"34\",\"opaque\":5,"
                + "\"extFields\":{\"n\":12,\"b\":true,\"d\":1.5,\"s\":\"x\",\"nul\":null},"
                + "\"language\":\"KOTLIN\",\"remark\":null,\"serializeTypeCurrentRPC\":\"JSON\"}";

        RemotingCommand command = decodeFrame(frame(0, header.getBytes(StandardCharsets.UTF_8), new byte[0]));

        assertThat(command.code()).isEqualTo(34);
        assertThat(command.opaque()).isEqualTo(5);
        assertThat(command.flag()).isZero();
        assertThat(command.version()).isZero();
        assertThat(command.languageCode()).isEqualTo(LanguageCode.OTHER);
        assertThat(command.remark()).isNull();
        assertThat(command.extFields()).containsExactly(
                Map.entry("n", "12"), Map.entry("b", "true"), Map.entry("d", "1.5"), Map.entry("s", "x"));
    }

    @Test
    void controlCharactersAreEscapedInJsonOutput() {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("i", "KEYS\u0001k1\u0002UNIQ_KEY\u0001u\"q\\")
                .setRemark("line\nbreak\t\u0000");

        byte[] frame = encode(command);
        String header = new String(frame, 8, frame.length - 8, StandardCharsets.UTF_8);

        assertThat(header).contains("\\u0001").contains("\\u0002").contains("\\n").contains("\\t")
                .contains("\\u0000").contains("\\\"").contains("\\\\");
        assertThat(header.chars().filter(c -> c < 0x20)).isEmpty();
        RemotingCommand decoded = decodeFrame(frame);
        assertThat(decoded.ext("i")).isEqualTo(command.ext("i"));
        assertThat(decoded.remark()).isEqualTo(command.remark());
    }

    @Test
    void unpairedSurrogatesAreSentAsQuestionMarksInBothEncodings() {
        for (SerializeType type : SerializeType.values()) {
            RemotingCommand command = RemotingCommand.request(1).setSerializeType(type)
                    .setRemark("a\uD800b\uD83D\uDE00").putExt("k\uDC00", "v\uD800");

            RemotingCommand decoded = decodeFrame(encode(command));

            assertThat(decoded.remark()).as("%s remark", type).isEqualTo("a?b\uD83D\uDE00");
            assertThat(decoded.extFields()).as("%s ext", type).containsExactly(Map.entry("k?", "v?"));
        }
    }

    // ---- malformed input ----

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                   // empty header
            "[]",                                 // not an object
            "{\"code\":",                         // truncated
            "{\"code\":1}}",                      // trailing content
            "{\"code\":true}",                    // wrong type
            "{\"code\":\"abc\"}",                 // non-numeric string
            "{\"code\":99999999999}",             // out of int range
            "{\"extFields\":[\"a\"]}",            // extFields not an object
            "{\"extFields\":{\"a\":{\"b\":1}}}",  // non-scalar ext value
            "{\"remark\":[1]}",                   // non-scalar remark
            "{\"language\":{}}",                  // non-scalar language
            "{'code':1}",                         // not JSON
    })
    void invalidJsonHeadersAreMalformedFrames(String header) {
        byte[] frame = frame(0, header.getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThatThrownBy(() -> decodeFrame(frame))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void invalidUtf8InJsonHeaderIsMalformed() {
        byte[] header = {'{', '"', 'r', 'e', 'm', 'a', 'r', 'k', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> decodeFrame(frame(0, header, new byte[0]))).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void frameShorterThanTheHeaderWordIsMalformed() {
        assertThatThrownBy(() -> RemotingCommandCodec.decode(Unpooled.wrappedBuffer(new byte[] {0, 0, 1})))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("header word");
    }

    @Test
    void unknownSerializeTypeIsMalformed() {
        assertThatThrownBy(() -> decodeFrame(frame(2, "{}".getBytes(StandardCharsets.UTF_8), new byte[0])))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("unknown serialize type 2");
    }

    @Test
    void headerLengthBeyondTheFrameIsMalformed() {
        ByteBuf frame = Unpooled.buffer().writeInt(100).writeBytes("{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RemotingCommandCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("header length 100");
    }

    @Test
    void truncatedOrInconsistentBinaryHeadersAreMalformed() {
        byte[] valid = encode(RemotingCommand.request(7).setSerializeType(SerializeType.ROCKETMQ)
                .setRemark("remark").putExt("key", "value"));
        byte[] header = java.util.Arrays.copyOfRange(valid, 8, valid.length);

        for (int cut = 0; cut < header.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(header, cut);
            assertThatThrownBy(() -> decodeFrame(frame(1, truncated, new byte[0])))
                    .as("header cut at %d", cut)
                    .isInstanceOf(MalformedFrameException.class);
        }
        byte[] negativeRemark = header.clone();
        negativeRemark[13] = (byte) 0xFF; // remark length now negative
        assertThatThrownBy(() -> decodeFrame(frame(1, negativeRemark, new byte[0])))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("negative");
        byte[] trailing = java.util.Arrays.copyOf(header, header.length + 1);
        assertThatThrownBy(() -> decodeFrame(frame(1, trailing, new byte[0])))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("unexpected");
    }

    // ---- body buffers ----

    @Test
    void bodyBufferIsWrittenWithoutConsumingTheCommandsReference() {
        ByteBuf body = Unpooled.copiedBuffer("payload", StandardCharsets.UTF_8);
        RemotingCommand command = RemotingCommand.request(1).setBodyBuffer(body);

        ByteBuf frame = RemotingCommandCodec.encode(command, ByteBufAllocator.DEFAULT);
        try {
            assertThat(body.refCnt()).isEqualTo(2);
            assertThat(frame.getInt(0)).isEqualTo(frame.readableBytes() - 4);
            RemotingCommand decoded = RemotingCommandCodec.decode(frame.skipBytes(4));
            assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("payload");
        } finally {
            frame.release();
        }
        assertThat(body.refCnt()).isEqualTo(1);
        body.release();
    }

    // ---- bodies kept in the frame ----

    @Test
    void aResponseBodyTheCallerRetainsIsASliceOfTheFrameUntilReleased() {
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null).setOpaque(7)
                .setBody("records".getBytes(StandardCharsets.UTF_8));
        ByteBuf frame = Unpooled.wrappedBuffer(encode(response));
        frame.skipBytes(4);

        RemotingCommand decoded = RemotingCommandCodec.decode(frame, opaque -> opaque == 7);

        assertThat(decoded.body()).isNull();
        assertThat(decoded.bodyLength()).isEqualTo(7);
        assertThat(StandardCharsets.UTF_8.decode(decoded.bodyView()).toString()).isEqualTo("records");
        frame.release();
        assertThat(frame.refCnt()).as("the body slice keeps the frame").isEqualTo(1);
        decoded.releaseBodyBuffer();
        assertThat(frame.refCnt()).isZero();
        assertThat(decoded.bodyView()).isNull();
    }

    @Test
    void requestBodiesAndBodiesNobodyRetainsAreCopied() {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE).setOpaque(7)
                .setBody("message".getBytes(StandardCharsets.UTF_8));
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, null).setOpaque(8)
                .setBody("records".getBytes(StandardCharsets.UTF_8));

        for (RemotingCommand command : new RemotingCommand[] {request, response}) {
            ByteBuf frame = Unpooled.wrappedBuffer(encode(command));
            frame.skipBytes(4);
            RemotingCommand decoded = RemotingCommandCodec.decode(frame, opaque -> opaque == 7);
            frame.release();

            assertThat(frame.refCnt()).isZero();
            assertThat(decoded.bodyBuffer()).isNull();
            assertThat(decoded.body()).isEqualTo(command.body());
            assertThat(decoded.bodyView()).isEqualTo(java.nio.ByteBuffer.wrap(command.body()));
        }
    }

    // ---- helpers ----

    static byte[] encode(RemotingCommand command) {
        ByteBuf frame = RemotingCommandCodec.encode(command, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    static RemotingCommand decodeFrame(byte[] frame) {
        ByteBuf buffer = Unpooled.wrappedBuffer(frame);
        assertThat(buffer.readInt()).as("length field").isEqualTo(frame.length - 4);
        return RemotingCommandCodec.decode(buffer);
    }

    static byte[] frame(int serializeType, byte[] header, byte[] body) {
        ByteBuf frame = Unpooled.buffer()
                .writeInt(4 + header.length + body.length)
                .writeInt(serializeType << 24 | header.length)
                .writeBytes(header)
                .writeBytes(body);
        return ByteBufUtil.getBytes(frame);
    }

    private static void writeInt32String(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeEntry(DataOutputStream out, String key, String value) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        out.writeShort(keyBytes.length);
        out.write(keyBytes);
        writeInt32String(out, value);
    }
}
