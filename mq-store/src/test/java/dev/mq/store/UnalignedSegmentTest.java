package dev.mq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer pads a commit-log write that ends in a fresh page with zeros to that page's end; a
 * segment size that is not a whole number of pages must still end every segment exactly where it
 * should.
 */
@Timeout(60)
class UnalignedSegmentTest {

    /** 32 pages and 1,000 bytes: the last page of each segment is partial. */
    private static final int SEGMENT_SIZE = 32 * 4096 + 1000;

    @TempDir
    Path dir;

    @Test
    void segmentsOfPartialPagesRollKeepTheirSizeAndReadBackAfterARestart() throws IOException {
        StoreConfig config = TestStores.small(dir).commitLogSegmentSize(SEGMENT_SIZE)
                .flushMode(FlushMode.SYNC).build();
        List<String> sent = new ArrayList<>();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 1200; i++) {
                String body = "m" + i + "-" + "x".repeat(37 * (i % 23));
                assertThat(store.append(message("T", 0, body)).join().status()).isEqualTo(AppendStatus.OK);
                sent.add(body);
            }
            assertThat(store.commitLogMaxOffset()).isGreaterThan(3L * SEGMENT_SIZE);
        }

        List<Path> segments;
        try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
            segments = files.sorted().toList();
        }
        assertThat(segments).hasSizeGreaterThan(3);
        for (Path segment : segments) {
            assertThat(Files.size(segment)).as(segment.toString()).isEqualTo(SEGMENT_SIZE);
        }

        try (MessageStore store = MessageStore.open(config)) {
            assertThat(readAll(store, "T", 0)).containsExactlyElementsOf(sent);
            assertThat(store.append(message("T", 0, "after restart")).join().status()).isEqualTo(AppendStatus.OK);
            assertThat(readAll(store, "T", 0)).hasSize(1201).last().isEqualTo("after restart");
        }
    }
}
