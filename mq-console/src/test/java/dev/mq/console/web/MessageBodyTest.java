package dev.mq.console.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageBodyTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFormatIsChosenByContent() {
        assertThat(MessageBody.detect(utf8("{\"a\":1}"))).isEqualTo(MessageBody.Format.JSON);
        assertThat(MessageBody.detect(utf8(" [1, 2] "))).isEqualTo(MessageBody.Format.JSON);
        assertThat(MessageBody.detect(utf8("{not json"))).isEqualTo(MessageBody.Format.TEXT);
        assertThat(MessageBody.detect(utf8("42"))).isEqualTo(MessageBody.Format.TEXT);
        assertThat(MessageBody.detect(utf8("grüße\nline two"))).isEqualTo(MessageBody.Format.TEXT);
        assertThat(MessageBody.detect(new byte[] {(byte) 0xC3, 0x28})).isEqualTo(MessageBody.Format.HEX);
        assertThat(MessageBody.detect(new byte[] {0, 1, 2})).isEqualTo(MessageBody.Format.HEX);
    }

    @Test
    void jsonIsIndentedAndAskingForJsonOfTextShowsText() {
        MessageBody json = MessageBody.of(utf8("{\"a\":{\"b\":[1]}}"), Optional.empty());
        assertThat(json.format()).isEqualTo(MessageBody.Format.JSON);
        assertThat(json.text()).isEqualTo("{\n  \"a\" : {\n    \"b\" : [ 1 ]\n  }\n}");
        MessageBody text = MessageBody.of(utf8("plain"), Optional.of(MessageBody.Format.JSON));
        assertThat(text.format()).isEqualTo(MessageBody.Format.TEXT);
        assertThat(text.text()).isEqualTo("plain");
    }

    @Test
    void hexShowsOffsetsBytesAndPrintableCharacters() {
        MessageBody hex = MessageBody.of(utf8("ABCDEFGHIJKLMNOPQ"), Optional.of(MessageBody.Format.HEX));
        assertThat(hex.text()).isEqualTo(
                "00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP\n"
                        + "00000010  51                                                Q\n");
        assertThat(MessageBody.of(new byte[] {0, (byte) 0xFF}, Optional.of(MessageBody.Format.TEXT)).format())
                .isEqualTo(MessageBody.Format.HEX);
    }

    @Test
    void longBodiesAreCutAndSaySo() {
        byte[] big = new byte[MessageBody.SHOWN_HEX + 1];
        MessageBody hex = MessageBody.of(big, Optional.empty());
        assertThat(hex.cut()).isTrue();
        assertThat(hex.length()).isEqualTo(big.length);
        assertThat(hex.text().lines()).hasSize(MessageBody.SHOWN_HEX / 16);
    }

    @Test
    void previewsAreOneShortLine() {
        assertThat(MessageBody.preview(utf8("a\n  b"))).isEqualTo("a b");
        assertThat(MessageBody.preview(utf8("x".repeat(200)))).hasSize(MessageBody.PREVIEW + 1).endsWith("…");
        assertThat(MessageBody.preview(new byte[] {0, 1})).isEqualTo("(2 bytes, binary)");
    }

    @Test
    void anUnknownViewIsRefusedWithTheChoices() {
        assertThat(MessageBody.Format.parse("HEX")).contains(MessageBody.Format.HEX);
        assertThat(MessageBody.Format.parse(null)).isEmpty();
        assertThatThrownBy(() -> MessageBody.Format.parse("xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view must be text, json or hex, not 'xml'");
    }
}
