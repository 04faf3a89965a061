package dev.mq.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    @Property(tries = 200)
    void encodedBatchesDecodeToTheSameMessages(@ForAll("batches") List<BatchCodec.Entry> entries) {
        List<BatchCodec.Entry> decoded = BatchCodec.decode(BatchCodec.encode(entries));

        assertThat(decoded).hasSameSizeAs(entries);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(decoded.get(i).flag()).isEqualTo(entries.get(i).flag());
            assertThat(decoded.get(i).body()).isEqualTo(entries.get(i).body());
            assertThat(decoded.get(i).properties()).isEqualTo(entries.get(i).properties());
        }
    }

    @Test
    void entriesHaveTheLayoutTheOfficialClientWrites() {
        byte[] body = BatchCodec.encode(List.of(new BatchCodec.Entry(7, "ab".getBytes(StandardCharsets.UTF_8),
                "K\u0001v\u0002")));
        ByteBuffer buf = ByteBuffer.wrap(body);

        assertThat(body).hasSize(22 + 2 + 4);
        assertThat(buf.getInt()).as("total size").isEqualTo(28);
        assertThat(buf.getInt()).as("magic").isZero();
        assertThat(buf.getInt()).as("body crc").isZero();
        assertThat(buf.getInt()).as("flag").isEqualTo(7);
        assertThat(buf.getInt()).as("body length").isEqualTo(2);
        buf.position(buf.position() + 2);
        assertThat(buf.getShort()).as("properties length").isEqualTo((short) 4);
    }

    @Test
    void brokenBatchesAreRefusedSayingWhere() {
        byte[] good = BatchCodec.encode(List.of(new BatchCodec.Entry(0, new byte[10], "")));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] wrongSize = good.clone();
        ByteBuffer.wrap(wrongSize).putInt(0, 99);

        assertThatThrownBy(() -> BatchCodec.decode(new byte[0])).isInstanceOf(InvalidMessageException.class)
                .hasMessage("the batch has no messages");
        assertThatThrownBy(() -> BatchCodec.decode(truncated)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("at byte 0");
        assertThatThrownBy(() -> BatchCodec.decode(wrongSize)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("says 99 bytes but holds 32");
        assertThatThrownBy(() -> BatchCodec.encode(List.of())).isInstanceOf(InvalidMessageException.class);
    }

    @Provide
    Arbitrary<List<BatchCodec.Entry>> batches() {
        Arbitrary<BatchCodec.Entry> entry = Combinators.combine(
                Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(20)
                        .map(v -> v.isEmpty() ? "" : "K\u0001" + v + "\u0002"))
                .as(BatchCodec.Entry::new);
        return entry.list().ofMinSize(1).ofMaxSize(8);
    }
}
