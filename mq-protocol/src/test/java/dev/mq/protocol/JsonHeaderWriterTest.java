package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@link JsonHeaderWriter} on hand-picked commands; {@code JsonHeaderOracleProperties} compares it with Jackson. */
class JsonHeaderWriterTest {

    @Test
    void writesTheKeysInFastjsonOrderWithoutWhitespace() {
        RemotingCommand command = RemotingCommand.response(17, "bad").setOpaque(-5).setVersion(409)
                .setLanguage(LanguageCode.NODE_JS).putExt("z", "1").putExt("a", "2");

        assertThat(written(command)).isEqualTo("{\"code\":17,\"extFields\":{\"z\":\"1\",\"a\":\"2\"},\"flag\":1,"
                + "\"language\":\"NODE_JS\",\"opaque\":-5,\"remark\":\"bad\",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":409}");
    }

    @Test
    void leavesOutEmptyExtFieldsAndANullRemark() {
        assertThat(written(RemotingCommand.request(0).setVersion(0))).isEqualTo("{\"code\":0,\"flag\":0,\"language\":\"JAVA\","
                + "\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0}");
    }

    @Test
    void writesExtremeInts() {
        RemotingCommand command = RemotingCommand.request(Integer.MIN_VALUE).setOpaque(Integer.MAX_VALUE)
                .setFlag(-1).setVersion(1_000_000_000);

        assertThat(written(command)).contains("\"code\":-2147483648,", "\"flag\":-1,", "\"opaque\":2147483647,",
                "\"version\":1000000000}");
    }

    @Test
    void escapesAsJacksonDoesAndWritesOtherCharactersAsUtf8() {
        String text = "\u0000\u0001\b\t\n\u000B\f\r\u001F \"\\/\u007Fé\u2028😀";

        assertThat(written(RemotingCommand.request(1).setRemark(text)))
                .contains("\"remark\":\"\\u0000\\u0001\\b\\t\\n\\u000B\\f\\r\\u001F \\\"\\\\/\u007Fé\u2028😀\"");
    }

    @Test
    void writesUnpairedSurrogatesAsQuestionMarks() {
        RemotingCommand command = RemotingCommand.request(1).putExt("\uDC00k\uD800", "\uD83D\uDE00\uD83D");

        assertThat(written(command)).contains("\"extFields\":{\"?k?\":\"😀?\"}");
    }

    @Test
    void growsASmallDirectBuffer() {
        ByteBuf out = Unpooled.directBuffer(1);
        try {
            RemotingCommand command = RemotingCommand.request(1).setRemark("ü".repeat(500)).putExt("k", "\n".repeat(300));

            JsonHeaderWriter.write(command, out);

            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(JsonHeaderOracleProperties.jacksonBytes(command));
        } finally {
            out.release();
        }
    }

    private static String written(RemotingCommand command) {
        ByteBuf out = Unpooled.buffer();
        try {
            JsonHeaderWriter.write(command, out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }
}
