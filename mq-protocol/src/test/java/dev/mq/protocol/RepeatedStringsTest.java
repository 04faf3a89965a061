package dev.mq.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedStringsTest {

    private final RepeatedStrings repeated = new RepeatedStrings();

    @Test
    void aRepeatedTextGetsTheStringItGotBefore() {
        byte[] header = "xxtopicxxtopic".getBytes(StandardCharsets.ISO_8859_1);
        String first = repeated.of(header, 2, 7);
        String second = repeated.of(header, 9, 14);
        assertThat(first).isEqualTo("topic");
        assertThat(second).isSameAs(first);
    }

    @Test
    void textsLongerThanTheLimitAreDecodedButNotKept() {
        byte[] longText = "t".repeat(RepeatedStrings.MAX_LENGTH + 1).getBytes(StandardCharsets.ISO_8859_1);
        String first = repeated.of(longText, 0, longText.length);
        assertThat(first).hasSize(RepeatedStrings.MAX_LENGTH + 1);
        assertThat(repeated.of(longText, 0, longText.length)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void bytesAboveAsciiAreLatin1Chars() {
        byte[] bytes = {(byte) 0xE9, 'a', (byte) 0xFF};
        assertThat(repeated.of(bytes, 0, 3)).isEqualTo("\u00E9a\u00FF");
    }

    @Test
    void textsOfTheSameLengthThatShareASlotAreToldApart() {
        // 676 two-letter texts in 512 slots: many share one, with the same length
        for (int round = 0; round < 2; round++) {
            for (char a = 'a'; a <= 'z'; a++) {
                for (char b = 'a'; b <= 'z'; b++) {
                    byte[] bytes = {(byte) a, (byte) b};
                    assertThat(repeated.of(bytes, 0, 2)).isEqualTo("" + a + b);
                }
            }
        }
    }

    /** Whatever was kept before (same slot, same length, other bytes), the answer is the text asked for. */
    @Property(tries = 300)
    void theAnswerIsAlwaysTheTextOfTheBytes(
            @ForAll @Size(max = 2000) List<@StringLength(max = 70) @CharRange(from = 0, to = 255) String> texts) {
        for (String text : texts) {
            byte[] bytes = ("[" + text + "]").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(repeated.of(bytes, 1, bytes.length - 1)).isEqualTo(text);
        }
    }
}
