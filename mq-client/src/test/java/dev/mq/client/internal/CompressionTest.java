package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** zlib bodies as the official clients write and read them; other types refused clearly. */
class CompressionTest {

    private static final byte[] TEXT = "the quick brown fox jumps over the lazy dog ".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void zlibBodiesRoundTripAndAreSmaller() {
        byte[] compressed = Compression.zlib(TEXT, 5);

        assertThat(compressed.length).isLessThan(TEXT.length / 10);
        assertThat(compressed[0]).as("a zlib header, not raw deflate or gzip").isEqualTo((byte) 0x78);
        assertThat(Compression.decompress(compressed, Compression.ZLIB_COMPRESSED)).isEqualTo(TEXT);
    }

    @Test
    void bodiesOfClientsBefore494WithoutTypeBitsAreZlib() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(TEXT);
        }
        assertThat(Compression.decompress(out.toByteArray(), 0x1)).isEqualTo(TEXT);
    }

    @Test
    void anUncompressedBodyIsReturnedAsItIs() {
        assertThat(Compression.decompress(TEXT, 0x300)).isSameAs(TEXT);
    }

    @Test
    void lz4AndZstdBodiesAreRefusedNamingTheType() {
        assertThatThrownBy(() -> Compression.decompress(TEXT, 0x101)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("LZ4").hasMessageContaining("zlib only");
        assertThatThrownBy(() -> Compression.decompress(TEXT, 0x201)).hasMessageContaining("ZSTD");
    }

    @Test
    void brokenStreamsAreRefused() {
        assertThatThrownBy(() -> Compression.decompress(TEXT, Compression.ZLIB_COMPRESSED))
                .isInstanceOf(MqClientException.class).hasMessageContaining("not a zlib stream");
        byte[] compressed = Compression.zlib(TEXT, 5);
        assertThatThrownBy(() -> Compression.decompress(Arrays.copyOf(compressed, compressed.length / 2),
                Compression.ZLIB_COMPRESSED)).isInstanceOf(MqClientException.class).hasMessageContaining("truncated");
    }
}
