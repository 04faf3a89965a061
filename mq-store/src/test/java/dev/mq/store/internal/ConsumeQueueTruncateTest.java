package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.mq.store.internal.ConsumeQueueFixtures.TOPIC;
import static dev.mq.store.internal.ConsumeQueueFixtures.fileNames;
import static dev.mq.store.internal.ConsumeQueueFixtures.nameOfEntry;
import static dev.mq.store.internal.ConsumeQueueFixtures.put;
import static dev.mq.store.internal.ConsumeQueueFixtures.putStandard;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static dev.mq.store.internal.ConsumeQueueFixtures.standardRange;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumeQueueTruncateTest {

    private static final int ENTRIES_PER_FILE = 4;

    @TempDir
    Path dataDir;

    private final List<ConsumeQueue> opened = new ArrayList<>();

    private ConsumeQueue load() {
        ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 0, ENTRIES_PER_FILE);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(ConsumeQueue::close);
    }

    /** The commit-log end that keeps entries below {@code queueOffset} and cuts the rest. */
    private static long cutBefore(long queueOffset) {
        return standard(queueOffset).commitLogOffset();
    }

    @Test
    void entriesBeyondTheCommitLogEndDisappear() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 11);

        queue.truncateFrom(cutBefore(6));

        assertThat(queue.maxOffset()).isEqualTo(6);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 6));
        assertThat(queue.lastCommitLogEnd()).isEqualTo(standard(5).commitLogOffset() + standard(5).size());
    }

    @Test
    void anEntryEndingExactlyAtTheCommitLogEndIsKept() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 5);

        queue.truncateFrom(standard(4).commitLogOffset() + standard(4).size());

        assertThat(queue.maxOffset()).isEqualTo(5);
    }

    @Test
    void anEntryReachingPastTheCommitLogEndIsRemoved() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 5);

        queue.truncateFrom(standard(4).commitLogOffset() + standard(4).size() - 1);

        assertThat(queue.maxOffset()).isEqualTo(4);
    }

    @Test
    void laterPutsContinueAtTheTruncatedOffset() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 11);
        queue.truncateFrom(cutBefore(6));

        putStandard(queue, 6, 9);

        assertThat(queue.maxOffset()).isEqualTo(9);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 9));
    }

    @Test
    void filesWhollyBeyondTheCutAreDeleted() throws IOException {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 14);

        queue.truncateFrom(cutBefore(4));

        assertThat(queue.maxOffset()).isEqualTo(4);
        assertThat(fileNames(dataDir, TOPIC, 0)).containsExactly(nameOfEntry(0));
        putStandard(queue, 4, 6);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 6));
        assertThat(fileNames(dataDir, TOPIC, 0)).containsExactly(nameOfEntry(0), nameOfEntry(4));
    }

    @Test
    void aTruncatedQueueReopensWithTheSameEntries() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 14);
        queue.truncateFrom(cutBefore(7));
        queue.close();

        ConsumeQueue reopened = load();

        assertThat(reopened.minOffset()).isZero();
        assertThat(reopened.maxOffset()).isEqualTo(7);
        assertThat(readAll(reopened, 8)).containsExactlyElementsOf(standardRange(0, 7));
    }

    @Test
    void truncatingEveryEntryLeavesAnEmptyQueueAtTheFirstTruncatedOffset() {
        ConsumeQueue queue = load();
        put(queue, standard(8));
        putStandard(queue, 9, 14);

        queue.truncateFrom(0);

        assertThat(queue.minOffset()).isEqualTo(8);
        assertThat(queue.maxOffset()).isEqualTo(8);
        assertThat(queue.lastCommitLogEnd()).isEqualTo(-1);
        assertThat(readAll(queue, 8)).isEmpty();
        queue.close();

        ConsumeQueue reopened = load();
        assertThat(reopened.minOffset()).isEqualTo(8);
        assertThat(reopened.maxOffset()).isEqualTo(8);
        putStandard(reopened, 8, 10);
        assertThat(readAll(reopened, 8)).containsExactlyElementsOf(standardRange(8, 10));
    }

    @Test
    void truncatingBelowTheMinimumEmptiesTheQueueAtTheFirstRemovedOffset() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 10);
        queue.deleteFilesBelow(standard(6).commitLogOffset());
        assertThat(queue.minOffset()).isEqualTo(6);

        queue.truncateFrom(cutBefore(5));

        assertThat(queue.maxOffset()).isEqualTo(5);
        assertThat(queue.minOffset()).isEqualTo(5);
        putStandard(queue, 5, 7);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(5, 7));
    }

    @Test
    void truncatingBeyondTheLastEntryChangesNothing() throws IOException {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 9);

        queue.truncateFrom(Long.MAX_VALUE / 2);

        assertThat(queue.maxOffset()).isEqualTo(9);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 9));
        assertThat(fileNames(dataDir, TOPIC, 0)).hasSize(3);
    }

    @Test
    void truncatingAcrossAGapKeepsTheEntriesBeforeIt() {
        ConsumeQueue queue = load();
        putStandard(queue, 0, 3);
        put(queue, standard(13));
        put(queue, standard(14));

        queue.truncateFrom(cutBefore(13));

        assertThat(queue.maxOffset()).isEqualTo(3);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 3));
        putStandard(queue, 3, 5);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 5));
    }
}
