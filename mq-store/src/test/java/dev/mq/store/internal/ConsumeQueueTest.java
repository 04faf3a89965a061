package dev.mq.store.internal;

import dev.mq.store.internal.ConsumeQueueFixtures.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.mq.store.internal.ConsumeQueueFixtures.TOPIC;
import static dev.mq.store.internal.ConsumeQueueFixtures.fileNames;
import static dev.mq.store.internal.ConsumeQueueFixtures.nameOfEntry;
import static dev.mq.store.internal.ConsumeQueueFixtures.put;
import static dev.mq.store.internal.ConsumeQueueFixtures.putStandard;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static dev.mq.store.internal.ConsumeQueueFixtures.readFrom;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static dev.mq.store.internal.ConsumeQueueFixtures.standardRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumeQueueTest {

    private static final int ENTRIES_PER_FILE = 4;

    @TempDir
    Path dataDir;

    private final List<ConsumeQueue> opened = new ArrayList<>();

    private ConsumeQueue load() {
        ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 3, ENTRIES_PER_FILE);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(ConsumeQueue::close);
    }

    @Test
    void aQueueWithoutFilesStartsEmptyAtZero() {
        ConsumeQueue queue = load();

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isZero();
        assertThat(queue.lastCommitLogEnd()).isEqualTo(-1);
        assertThat(queue.read(0, 10, new EntryBatch(10))).isZero();
    }

    @Test
    void entriesPutAcrossSeveralFilesAreReadBack() throws IOException {
        ConsumeQueue queue = load();

        putStandard(queue, 0, 11);

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isEqualTo(11);
        assertThat(readAll(queue, 3)).containsExactlyElementsOf(standardRange(0, 11));
        assertThat(fileNames(dataDir, TOPIC, 3)).containsExactly(nameOfEntry(0), nameOfEntry(4), nameOfEntry(8));
        assertThat(Files.size(queue.directory().resolve(nameOfEntry(4)))).isEqualTo(4 * ConsumeQueue.ENTRY_SIZE);
    }

    @Test
    void aReadStopsAtTheEndOfAFileAndSaysWhereToContinue() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 10);
        EntryBatch batch = new EntryBatch(32);

        int read = queue.read(2, 32, batch);

        assertThat(read).isEqualTo(2);
        assertThat(batch.count()).isEqualTo(2);
        assertThat(batch.queueOffset(0)).isEqualTo(2);
        assertThat(batch.commitLogOffset(1)).isEqualTo(standard(3).commitLogOffset());
        assertThat(batch.size(1)).isEqualTo(standard(3).size());
        assertThat(batch.tagHash(1)).isEqualTo(standard(3).tagHash());
        assertThat(batch.nextOffset()).isEqualTo(4);
    }

    @Test
    void aReadReturnsNoMoreThanAskedOrTheBatchHolds() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 4);

        assertThat(queue.read(0, 3, new EntryBatch(32))).isEqualTo(3);
        EntryBatch small = new EntryBatch(2);
        assertThat(queue.read(0, 32, small)).isEqualTo(2);
        assertThat(small.nextOffset()).isEqualTo(2);
    }

    @Test
    void aReadAtOrBeyondTheMaximumReturnsNothing() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 6);
        EntryBatch batch = new EntryBatch(8);

        assertThat(queue.read(6, 8, batch)).isZero();
        assertThat(batch.nextOffset()).isEqualTo(6);
        assertThat(queue.read(100, 8, batch)).isZero();
    }

    @Test
    void reopeningTheQueueKeepsAllEntries() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 13);
        queue.close();

        ConsumeQueue reopened = load();

        assertThat(reopened.minOffset()).isZero();
        assertThat(reopened.maxOffset()).isEqualTo(13);
        assertThat(reopened.lastCommitLogEnd()).isEqualTo(standard(12).commitLogOffset() + standard(12).size());
        assertThat(readAll(reopened, 5)).containsExactlyElementsOf(standardRange(0, 13));
        putStandard(reopened, 13, 15);
        assertThat(readAll(reopened, 5)).containsExactlyElementsOf(standardRange(0, 15));
    }

    @Test
    void aRePutBelowTheMaximumIsIgnored() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 6);

        boolean written = queue.put(2, 999_999, 1, 1);

        assertThat(written).isFalse();
        assertThat(queue.maxOffset()).isEqualTo(6);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 6));
    }

    @Test
    void aGapPutOnAnEmptyQueueStartsTheQueueThere() throws IOException {
        ConsumeQueue queue = load();

        assertThat(put(queue, standard(9))).isTrue();
        put(queue, standard(10));

        assertThat(queue.minOffset()).isEqualTo(9);
        assertThat(queue.maxOffset()).isEqualTo(11);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(9, 11));
        assertThat(fileNames(dataDir, TOPIC, 3)).containsExactly(nameOfEntry(8));
        queue.close();

        ConsumeQueue reopened = load();
        assertThat(reopened.minOffset()).isEqualTo(9);
        assertThat(reopened.maxOffset()).isEqualTo(11);
    }

    @Test
    void aGapPutOnAQueueEmptiedByRetentionRestartsItAndDropsOldFiles() throws IOException {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 6);
        queue.deleteFilesBelow(Long.MAX_VALUE);
        assertThat(queue.minOffset()).isEqualTo(6);

        put(queue, standard(17));

        assertThat(queue.minOffset()).isEqualTo(17);
        assertThat(queue.maxOffset()).isEqualTo(18);
        EntryBatch batch = new EntryBatch(4);
        assertThat(queue.read(6, 4, batch)).isZero();
        assertThat(batch.nextOffset()).isEqualTo(17);
        assertThat(readFrom(queue, 6, 4)).containsExactly(standard(17));
        assertThat(fileNames(dataDir, TOPIC, 3)).containsExactly(nameOfEntry(16));
    }

    @Test
    void aGapPutWithinTheLastFileOfAnEmptiedQueueForgetsTheExpiredEntriesBeforeIt() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 5);
        queue.deleteFilesBelow(Long.MAX_VALUE);

        put(queue, standard(7));
        queue.close();

        ConsumeQueue reopened = load();
        assertThat(reopened.minOffset()).isEqualTo(7);
        assertThat(reopened.maxOffset()).isEqualTo(8);
        assertThat(readAll(reopened, 4)).containsExactly(standard(7));
    }

    @Test
    void aGapPutOnANonEmptyQueueLeavesGapEntriesThatReadersSkip() throws IOException {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 2);

        put(queue, standard(3));
        put(queue, standard(14));

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isEqualTo(15);
        List<Entry> expected = List.of(standard(0), standard(1), standard(3), standard(14));
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(expected);
        assertThat(fileNames(dataDir, TOPIC, 3)).containsExactly(nameOfEntry(0), nameOfEntry(12));
        queue.close();

        ConsumeQueue reopened = load();
        assertThat(reopened.maxOffset()).isEqualTo(15);
        assertThat(readAll(reopened, 8)).containsExactlyElementsOf(expected);
    }

    @Test
    void aReadInsideAMissingFileSkipsToTheNextFile() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 2);
        put(queue, standard(14));
        EntryBatch batch = new EntryBatch(8);

        assertThat(queue.read(5, 8, batch)).isZero();
        assertThat(batch.nextOffset()).isEqualTo(12);
    }

    @Test
    void aPutWithADecreasingCommitLogOffsetIsRejected() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 3);

        assertThatThrownBy(() -> queue.put(3, standard(1).commitLogOffset(), 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.maxOffset()).isEqualTo(3);
    }

    @Test
    void aPutWithoutSizeIsRejected() {
        ConsumeQueue queue = load();

        assertThatThrownBy(() -> queue.put(0, 100, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.put(-1, 100, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPutAfterCloseFails() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 2);
        queue.close();

        assertThatThrownBy(() -> put(queue, standard(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 5);
        queue.flush();

        queue.close();
        queue.close();

        assertThat(queue.read(0, 4, new EntryBatch(4))).isZero();
    }

    @Test
    void destroyingTheQueueDeletesItsFilesAndDirectory() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 9);

        queue.destroy();
        queue.destroy();

        assertThat(queue.directory()).doesNotExist();
    }

    @Test
    void lastCommitLogEndIsTheEndOfTheLastEntry() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 7);

        assertThat(queue.lastCommitLogEnd()).isEqualTo(standard(6).commitLogOffset() + standard(6).size());
    }

    @Test
    void flushingWritesWithoutChangingWhatIsRead() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 3);
        queue.flush();
        putStandard(queue, 3, 9);
        queue.flush();
        queue.flush();

        assertThat(readAll(queue, 16)).containsExactlyElementsOf(standardRange(0, 9));
    }
}
