package dev.mq.store.timer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-disk time index driven with explicit times (no clock, no sleeping). */
class TimerIndexTest {

    private static final long BUCKET = 1_000;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<TimerIndex> opened = new ArrayList<>();
    private final List<Long> delivered = new ArrayList<>();

    private TimerIndex open() {
        TimerIndex index = TimerIndex.open(dir.resolve("buckets"), BUCKET);
        opened.add(index);
        return index;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(TimerIndex::close);
    }

    private boolean record(long due, long offset, int size) {
        delivered.add(offset);
        return true;
    }

    @Test
    void entriesAcrossBucketBoundariesAreDeliveredWhenDueAndNotBefore() {
        TimerIndex index = open();
        index.add(T0 + 2_500, 3, 100);
        index.add(T0 + 999, 1, 100);
        index.add(T0 + 1_000, 2, 100);
        index.add(T0 + 2_999, 4, 100);
        index.add(T0 + 60_000, 5, 100);

        index.deliverDue(T0, this::record);
        assertThat(delivered).isEmpty();
        index.deliverDue(T0 + 998, this::record);
        assertThat(delivered).isEmpty();
        index.deliverDue(T0 + 999, this::record);
        assertThat(delivered).containsExactly(1L);
        index.deliverDue(T0 + 2_500, this::record);
        assertThat(delivered).containsExactly(1L, 2L, 3L);
        index.deliverDue(T0 + 2_998, this::record);
        assertThat(delivered).containsExactly(1L, 2L, 3L);
        index.deliverDue(T0 + 59_999, this::record);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
        index.deliverDue(T0 + 70_000, this::record);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(index.pendingCount()).isZero();
    }

    @Test
    void inFlightEntriesAreNotRepeatedAndFinishedBucketsAreDeletedOnceConfirmed() throws IOException {
        TimerIndex index = open();
        index.add(T0 + 100, 1, 10);
        index.add(T0 + 1_100, 2, 10);
        index.deliverDue(T0 + 100, this::record);
        index.deliverDue(T0 + 200, this::record);
        assertThat(delivered).containsExactly(1L);
        assertThat(bucketFiles()).hasSize(2);

        index.deliverDue(T0 + 1_500, this::record); // the first bucket is passed but not confirmed
        assertThat(delivered).containsExactly(1L, 2L);
        assertThat(bucketFiles()).hasSize(2);
        index.confirmDelivered();
        assertThat(bucketFiles()).hasSize(1); // the cursor bucket stays until its time has passed
        index.deliverDue(T0 + 2_000, this::record);
        assertThat(bucketFiles()).isEmpty();
        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void anEntryThatCannotBeDeliveredStaysPendingAndIsRetried() {
        TimerIndex index = open();
        index.add(T0 + 100, 1, 10);
        index.add(T0 + 5_000, 2, 10);
        index.deliverDue(T0 + 6_000, (due, offset, size) -> false);
        assertThat(index.pendingCount()).isEqualTo(2);
        index.deliverDue(T0 + 6_000, this::record);
        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void anEntryDueBeforeTheCursorIsDeliveredAtOnce() {
        TimerIndex index = open();
        index.deliverDue(T0 + 10_000, this::record);
        index.add(T0 - 50_000, 7, 10); // e.g. indexed late, after the broker was down
        index.deliverDue(T0 + 10_000, this::record);
        assertThat(delivered).containsExactly(7L);
    }

    @Test
    void pendingAndUnconfirmedEntriesSurviveAReopenButConfirmedOnesDoNot() {
        TimerIndex first = open();
        first.add(T0 + 100, 1, 10);
        first.add(T0 + 200, 2, 10);
        first.add(T0 + 5_000, 3, 10);
        first.deliverDue(T0 + 100, this::record);
        first.confirmDelivered();
        first.deliverDue(T0 + 200, this::record); // delivered, not confirmed: a crash repeats it
        first.close();
        assertThat(delivered).containsExactly(1L, 2L);

        delivered.clear();
        TimerIndex second = open();
        assertThat(second.pendingCount()).isEqualTo(2);
        second.deliverDue(T0 + 4_999, this::record);
        assertThat(delivered).containsExactly(2L);
        second.deliverDue(T0 + 5_000, this::record);
        assertThat(delivered).containsExactly(2L, 3L);
    }

    @Test
    void voidingFromAnOffsetRemovesExactlyTheEntriesAtOrAboveIt() {
        TimerIndex index = open();
        for (long offset = 0; offset < 10; offset++) {
            index.add(T0 + offset * 700, offset * 100, 100);
        }
        assertThat(index.voidFrom(600)).isEqualTo(4);
        index.deliverDue(T0 + 100_000, this::record);
        assertThat(delivered).containsExactly(0L, 100L, 200L, 300L, 400L, 500L);
    }

    @Test
    void aTornAppendIsDroppedOnOpen() throws IOException {
        TimerIndex first = open();
        first.add(T0 + 100, 1, 10);
        first.close();
        Path file = bucketFiles().get(0);
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        TimerIndex second = open();
        second.add(T0 + 200, 2, 10);
        second.deliverDue(T0 + 1_000, this::record);
        assertThat(delivered).containsExactly(1L, 2L);
    }

    private List<Path> bucketFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("buckets"))) {
            return files.sorted().toList();
        }
    }
}
