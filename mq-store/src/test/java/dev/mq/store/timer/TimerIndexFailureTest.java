package dev.mq.store.timer;

import dev.mq.store.StoreException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's rule at the index's file boundary: an I/O failure is a {@link StoreException} naming the file. */
class TimerIndexFailureTest {

    private static final long BUCKET = 1_000;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final List<TimerIndex> opened = new ArrayList<>();

    private TimerIndex open(Path buckets) {
        TimerIndex index = TimerIndex.open(buckets, BUCKET);
        opened.add(index);
        return index;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(TimerIndex::close);
    }

    @Test
    void openFailsLoudlyWhenTheDirectoryCannotBeCreated() throws IOException {
        Path notADirectory = Files.createFile(dir.resolve("buckets"));

        assertThatThrownBy(() -> TimerIndex.open(notADirectory, BUCKET))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aBucketFileThatCannotBeOpenedIsReportedByName() throws IOException {
        Path buckets = dir.resolve("buckets");
        TimerIndex first = open(buckets);
        first.add(T0 + 100, 1, 10);
        first.close();
        opened.remove(first);
        Path file = buckets.resolve(TimerBucketFiles.name(T0));
        Files.delete(file);
        Files.createDirectory(file); // listed like a bucket, but no file can be opened there

        TimerIndex second = open(buckets);
        assertThatThrownBy(() -> second.deliverDue(T0 + 1_000, (due, offset, size) -> true))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aVanishedDirectoryIsReportedByNameWhenAddingAndWhenListing() throws IOException {
        Path buckets = dir.resolve("buckets");
        TimerIndex index = open(buckets);
        Files.delete(buckets);

        assertThatThrownBy(() -> index.add(T0 + 100, 1, 10))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(buckets.resolve(TimerBucketFiles.name(T0)).toString());
        assertThatThrownBy(() -> index.deliverDue(T0, (due, offset, size) -> true))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(buckets.toString());
        assertThat(index.hasInFlight()).isFalse();
    }

    @Test
    void aCloseThatFailsOnOneBucketStillWritesOutAndClosesTheOthers() throws IOException {
        Path buckets = dir.resolve("buckets");
        TimerIndex index = open(buckets);
        int bucketCount = TimerBucketFiles.OPEN_FILES + 1;
        for (int i = 0; i < bucketCount; i++) {
            index.add(T0 + i * BUCKET, i, 10); // the first bucket is evicted (written out, closed) by the last
        }
        Path broken = buckets.resolve(TimerBucketFiles.name(T0));
        Files.delete(broken);
        Files.createDirectory(broken); // forcing the evicted bucket must reopen it, which fails

        assertThatThrownBy(index::close).isInstanceOf(StoreException.class).hasMessageContaining(broken.toString());
        opened.remove(index);

        Files.delete(broken);
        assertThat(open(buckets).pendingCount()).isEqualTo(bucketCount - 1);
    }
}
