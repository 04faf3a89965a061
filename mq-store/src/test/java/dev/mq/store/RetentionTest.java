package dev.mq.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class RetentionTest {

    private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path dir;

    private final MessageStoreTest.MutableClock clock = new MessageStoreTest.MutableClock(MONDAY_NOON);
    private final AtomicReference<Double> diskUsage = new AtomicReference<>(0.10);
    private MessageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private void openStore() {
        store = MessageStore.open(TestStores.small(dir).fileReservedTime(Duration.ofHours(72)).deleteAtHour(4).build(),
                clock, diskUsage::get);
    }

    /** Writes about {@code segments} full segments of ~1 KiB messages in topic T queue 0. */
    private int fillSegments(int segments) {
        int count = segments * TestStores.SEGMENT_SIZE / 1100;
        for (int i = 0; i < count; i++) {
            AppendResult result = store.append(tagged("T", 0, i + ":" + "p".repeat(1000), null, "key" + i, null)).join();
            assertThat(result.status()).isEqualTo(AppendStatus.OK);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset()
                && store.flushedOffset() == store.commitLogMaxOffset());
        return count;
    }

    private long segmentsBelow(long offset) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) < offset).count();
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("commitlog"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}")).count();
        }
    }

    @Test
    void expiredSegmentsAreKeptUntilTheDeleteHour() throws IOException {
        openStore();
        fillSegments(4);
        long before = segmentCount();
        clock.advance(Duration.ofHours(100)); // expired, but it is 16:00
        assertThat(store.runRetention()).isZero();
        assertThat(segmentCount()).isEqualTo(before);
    }

    @Test
    void atTheDeleteHourExpiredSegmentsGoButNeverTheActiveOneAndQueuesFollow() throws IOException {
        openStore();
        int count = fillSegments(4);
        clock.set(Instant.parse("2026-03-06T04:10:00Z")); // > 72 h later, at 04:xx
        int deleted = store.runRetention();

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        long activeStart = store.commitLogMaxOffset() / TestStores.SEGMENT_SIZE * TestStores.SEGMENT_SIZE;
        assertThat(store.commitLogMinOffset()).as("only the active segment is left").isEqualTo(activeStart);
        assertThat(segmentsBelow(activeStart)).isZero();
        long min = store.minOffset("T", 0);
        assertThat(min).isGreaterThan(0).isLessThan(count);
        try (GetMessageResult tooSmall = store.getMessages("T", 0, 0, 1, 1 << 20, null)) {
            assertThat(tooSmall.status()).isEqualTo(GetMessageStatus.OFFSET_TOO_SMALL);
            assertThat(tooSmall.nextBeginOffset()).isEqualTo(min);
        }
        try (GetMessageResult rest = store.getMessages("T", 0, min, 1, 1 << 20, null)) {
            assertThat(rest.status()).isEqualTo(GetMessageStatus.FOUND);
            assertThat(TestStores.bodies(rest).get(0)).startsWith(min + ":");
        }
        try (StoredMessages gone = store.queryByKey("T", "key0", 4, 0, Long.MAX_VALUE)) {
            assertThat(gone.isEmpty()).isTrue();
        }
        try (StoredMessages kept = store.queryByKey("T", "key" + (count - 1), 4, 0, Long.MAX_VALUE)) {
            assertThat(kept.size()).isEqualTo(1);
        }
        try (Stream<Path> queueFiles = Files.list(dir.resolve("consumequeue").resolve("T").resolve("0"))) {
            assertThat(queueFiles.count()).as("queue files below the new minimum are gone").isLessThan((count + 49) / 50);
        }
    }

    @Test
    void segmentsYoungerThanTheReservedTimeSurviveTheDeleteHour() throws IOException {
        openStore();
        fillSegments(3);
        long before = segmentCount();
        clock.set(Instant.parse("2026-03-03T04:00:00Z")); // 16 h later
        assertThat(store.runRetention()).isZero();
        assertThat(segmentCount()).isEqualTo(before);
    }

    @Test
    void aFullDiskDeletesTheOldestSegmentsAtOnceWhateverTheirAge() throws IOException {
        openStore();
        fillSegments(4);
        long end = store.commitLogMaxOffset();
        long before = segmentsBelow(end);
        // the probe follows the number of written segments: one fewer brings usage below 75 %
        store.close();
        store = MessageStore.open(TestStores.small(dir).build(), clock, () -> {
            try {
                return segmentsBelow(end) >= before ? 0.80 : 0.70;
            } catch (IOException e) {
                throw new StoreException("probe", e);
            }
        });
        int deleted = store.runRetention();
        assertThat(deleted).isEqualTo(1);
        assertThat(segmentsBelow(end)).isEqualTo(before - 1);
    }

    @Test
    void writesAreRefusedAboveTheRejectRatioAndAcceptedAgainBelowIt() {
        openStore();
        assertThat(store.append(message("T", 0, "ok")).join().status()).isEqualTo(AppendStatus.OK);
        diskUsage.set(0.95);
        store.runRetention();
        AppendResult refused = store.append(message("T", 0, "refused")).join();
        assertThat(refused.status()).isEqualTo(AppendStatus.DISK_FULL);
        assertThat(refused.detail()).contains("disk-reject-writes-ratio");
        assertThat(store.writesRefused()).isTrue();

        diskUsage.set(0.50);
        store.runRetention();
        assertThat(store.append(message("T", 0, "again")).join().status()).isEqualTo(AppendStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
        assertThat(TestStores.readAll(store, "T", 0)).isEqualTo(List.of("ok", "again"));
    }
}
