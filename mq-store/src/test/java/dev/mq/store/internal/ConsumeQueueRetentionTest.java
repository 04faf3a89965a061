package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.mq.store.internal.ConsumeQueueFixtures.TOPIC;
import static dev.mq.store.internal.ConsumeQueueFixtures.fileNames;
import static dev.mq.store.internal.ConsumeQueueFixtures.nameOfEntry;
import static dev.mq.store.internal.ConsumeQueueFixtures.putStandard;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static dev.mq.store.internal.ConsumeQueueFixtures.standardRange;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumeQueueRetentionTest {

    private static final int ENTRIES_PER_FILE = 4;

    @TempDir
    Path dataDir;

    private final List<ConsumeQueue> opened = new ArrayList<>();

    private ConsumeQueue load(int entriesPerFile) {
        ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 2, entriesPerFile);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(ConsumeQueue::close);
    }

    @Test
    void filesWhollyBelowTheCommitLogMinimumAreDeletedFromDisk() throws IOException {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 10);

        queue.deleteFilesBelow(standard(4).commitLogOffset());

        assertThat(fileNames(dataDir, TOPIC, 2)).containsExactly(nameOfEntry(4), nameOfEntry(8));
        assertThat(queue.minOffset()).isEqualTo(4);
        assertThat(queue.maxOffset()).isEqualTo(10);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(4, 10));
    }

    @Test
    void theMinimumAdvancesWithinAFileThatIsKept() throws IOException {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 10);

        queue.deleteFilesBelow(standard(6).commitLogOffset());

        assertThat(queue.minOffset()).isEqualTo(6);
        assertThat(fileNames(dataDir, TOPIC, 2)).containsExactly(nameOfEntry(4), nameOfEntry(8));
    }

    @Test
    void aReadBelowTheMinimumReturnsNothingAndPointsAtTheMinimum() {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 10);
        queue.deleteFilesBelow(standard(6).commitLogOffset());
        EntryBatch batch = new EntryBatch(8);

        assertThat(queue.read(1, 8, batch)).isZero();
        assertThat(batch.nextOffset()).isEqualTo(6);
        assertThat(queue.read(5, 8, batch)).isZero();
        assertThat(queue.read(6, 8, batch)).isEqualTo(2);
    }

    @Test
    void theLastFileIsNeverDeleted() throws IOException {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 8);

        queue.deleteFilesBelow(Long.MAX_VALUE);

        assertThat(fileNames(dataDir, TOPIC, 2)).containsExactly(nameOfEntry(4));
        assertThat(queue.minOffset()).isEqualTo(8);
        assertThat(queue.maxOffset()).isEqualTo(8);
        assertThat(readAll(queue, 8)).isEmpty();
        assertThat(queue.lastCommitLogEnd()).isEqualTo(standard(7).commitLogOffset() + standard(7).size());
    }

    @Test
    void putsAfterEverythingExpiredContinueAtTheMaximum() throws IOException {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 6);
        queue.deleteFilesBelow(Long.MAX_VALUE);

        putStandard(queue, 6, 9);

        assertThat(queue.minOffset()).isEqualTo(6);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(6, 9));
        assertThat(fileNames(dataDir, TOPIC, 2)).containsExactly(nameOfEntry(4), nameOfEntry(8));
    }

    @Test
    void theMinimumNeverMovesBack() {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 10);
        queue.deleteFilesBelow(standard(7).commitLogOffset());

        queue.deleteFilesBelow(standard(2).commitLogOffset());

        assertThat(queue.minOffset()).isEqualTo(7);
    }

    @Test
    void reapplyingRetentionAfterReopenRestoresTheMinimum() {
        ConsumeQueue queue = load(ENTRIES_PER_FILE);
        putStandard(queue, 0, 10);
        queue.deleteFilesBelow(standard(6).commitLogOffset());
        queue.close();

        ConsumeQueue reopened = load(ENTRIES_PER_FILE);
        assertThat(reopened.minOffset()).isEqualTo(4);
        reopened.deleteFilesBelow(standard(6).commitLogOffset());

        assertThat(reopened.minOffset()).isEqualTo(6);
    }

    @Test
    void readersAndRetentionRunningAlongsideTheWriterSeeOnlyWholeEntries() throws Exception {
        ConsumeQueue queue = load(8);
        int total = 4_000;
        AtomicBoolean writerDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                putStandard(queue, 0, total);
                writerDone.set(true);
            });
            Future<Long> reader = threads.submit(() -> readAlongside(queue, total));
            Future<?> retention = threads.submit(() -> {
                while (!writerDone.get()) {
                    long behind = Math.max(0, queue.maxOffset() - 40);
                    queue.deleteFilesBelow(standard(behind).commitLogOffset());
                    Thread.yield();
                }
            });

            writer.get(60, TimeUnit.SECONDS);
            retention.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            threads.shutdownNow();
        }
        assertThat(queue.maxOffset()).isEqualTo(total);
        assertThat(readAll(queue, 64)).containsExactlyElementsOf(standardRange(queue.minOffset(), total));
    }

    /** Follows the writer to {@code total}, checking every entry; returns how many it read. */
    private static long readAlongside(ConsumeQueue queue, int total) {
        EntryBatch batch = new EntryBatch(16);
        long offset = 0;
        long seen = 0;
        while (offset < total) {
            int read = queue.read(offset, 16, batch);
            for (int i = 0; i < read; i++) {
                long at = batch.queueOffset(i);
                ConsumeQueueFixtures.Entry expected = standard(at);
                if (batch.commitLogOffset(i) != expected.commitLogOffset() || batch.size(i) != expected.size()
                        || batch.tagHash(i) != expected.tagHash()) {
                    throw new AssertionError("entry " + at + " read wrong");
                }
                seen++;
            }
            long next = batch.nextOffset();
            if (next > offset) {
                offset = next;
            } else if (offset < queue.minOffset()) {
                offset = queue.minOffset();
            } else {
                Thread.yield();
            }
        }
        return seen;
    }
}
