package dev.mq.store.internal;

import dev.mq.store.StoreException;
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
import static dev.mq.store.internal.ConsumeQueueFixtures.putStandard;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static dev.mq.store.internal.ConsumeQueueFixtures.standardRange;
import static dev.mq.store.internal.ConsumeQueueFixtures.writeRawEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumeQueueRecoveryTest {

    private static final int ENTRIES_PER_FILE = 7;

    @TempDir
    Path dataDir;

    private final List<ConsumeQueue> opened = new ArrayList<>();

    private ConsumeQueue load() {
        ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 1, ENTRIES_PER_FILE);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(ConsumeQueue::close);
    }

    private Path file(long firstEntry) {
        return FileNames.consumeQueueDir(dataDir, TOPIC, 1).resolve(nameOfEntry(firstEntry));
    }

    /** Writes {@code count} standard entries and closes the queue. */
    private void writeAndClose(int count) {
        ConsumeQueue queue = load();
        putStandard(queue, 0, count);
        queue.close();
    }

    @Test
    void zeroedTrailingEntriesAreNotCounted() {
        writeAndClose(12);
        zeroEntry(7, 4);
        zeroEntry(7, 3);

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(10);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 10));
    }

    @Test
    void aTornEntryWithoutItsSizeIsDropped() throws IOException {
        writeAndClose(12);
        Path last = file(7);
        writeRawEntry(last, 4, standard(11).commitLogOffset(), 0, standard(11).tagHash());

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(11);
        assertThat(queue.lastCommitLogEnd()).isEqualTo(standard(10).commitLogOffset() + standard(10).size());
        putStandard(queue, 11, 13);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 13));
    }

    @Test
    void anEntryWhoseCommitLogOffsetGoesBackwardsIsCutWithEverythingAfterIt() throws IOException {
        writeAndClose(13);
        writeRawEntry(file(7), 2, 5, 10, 0);

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(9);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 9));
    }

    @Test
    void aFileWhoseFirstEntryGoesBelowThePreviousFileIsDropped() throws IOException {
        writeAndClose(9);
        writeRawEntry(file(7), 0, 5, 10, 0);
        writeRawEntry(file(7), 1, 6, 10, 0);

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(7);
        assertThat(fileNames(dataDir, TOPIC, 1)).containsExactly(nameOfEntry(0));
    }

    @Test
    void aTrailingFileWithoutEntriesIsDeleted() throws IOException {
        writeAndClose(8);
        zeroEntry(7, 0);

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(7);
        assertThat(fileNames(dataDir, TOPIC, 1)).containsExactly(nameOfEntry(0));
        putStandard(queue, 7, 9);
        assertThat(readAll(queue, 8)).containsExactlyElementsOf(standardRange(0, 9));
    }

    @Test
    void aQueueWhoseFilesHoldNoEntryStartsEmptyAtItsFirstFile() throws IOException {
        Files.createDirectories(file(14).getParent());
        MappedFile.create(file(14), 14 * ConsumeQueue.ENTRY_SIZE, 7 * ConsumeQueue.ENTRY_SIZE).close();
        MappedFile.create(file(21), 21 * ConsumeQueue.ENTRY_SIZE, 7 * ConsumeQueue.ENTRY_SIZE).close();

        ConsumeQueue queue = load();

        assertThat(queue.minOffset()).isEqualTo(14);
        assertThat(queue.maxOffset()).isEqualTo(14);
        assertThat(fileNames(dataDir, TOPIC, 1)).containsExactly(nameOfEntry(14));
    }

    @Test
    void aShortenedLastFileIsExtendedAndReadUpToItsLastWholeEntry() throws IOException {
        writeAndClose(10);
        Path last = file(7);
        try (var channel = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(2 * ConsumeQueue.ENTRY_SIZE + 10);
        }

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(9);
        assertThat(Files.size(last)).isEqualTo(7 * ConsumeQueue.ENTRY_SIZE);
    }

    @Test
    void aFileNotAlignedToTheEntriesPerFileIsRejected() throws IOException {
        writeAndClose(3);
        Files.move(file(0), file(3));

        assertThatThrownBy(this::load).isInstanceOf(StoreException.class).hasMessageContaining("entries-per-file");
    }

    @Test
    void filesOfOtherNamesAreIgnored() throws IOException {
        writeAndClose(3);
        Files.writeString(file(0).resolveSibling("notes.tmp"), "x");

        ConsumeQueue queue = load();

        assertThat(queue.maxOffset()).isEqualTo(3);
    }

    private void zeroEntry(long firstEntryOfFile, int indexInFile) {
        try {
            writeRawEntry(file(firstEntryOfFile), indexInFile, 0, 0, 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
