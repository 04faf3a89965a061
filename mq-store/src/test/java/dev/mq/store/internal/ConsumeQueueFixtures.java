package dev.mq.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers for the consume-queue tests. */
final class ConsumeQueueFixtures {

    static final String TOPIC = "orders";

    private ConsumeQueueFixtures() {
    }

    /** One entry as the tests see it. */
    record Entry(long queueOffset, long commitLogOffset, int size, long tagHash) {
    }

    /** The entry the tests put at {@code queueOffset} by default. */
    static Entry standard(long queueOffset) {
        return new Entry(queueOffset, 1_000 + queueOffset * 100, 10 + (int) (queueOffset % 7), queueOffset * 31 + 7);
    }

    static void putStandard(ConsumeQueue queue, long fromOffset, long toOffsetExclusive) {
        for (long offset = fromOffset; offset < toOffsetExclusive; offset++) {
            put(queue, standard(offset));
        }
    }

    static boolean put(ConsumeQueue queue, Entry entry) {
        return queue.put(entry.queueOffset(), entry.commitLogOffset(), entry.size(), entry.tagHash());
    }

    static List<Entry> standardRange(long fromOffset, long toOffsetExclusive) {
        List<Entry> entries = new ArrayList<>();
        for (long offset = fromOffset; offset < toOffsetExclusive; offset++) {
            entries.add(standard(offset));
        }
        return entries;
    }

    /** Everything readable from the minimum to the maximum, looping over file boundaries. */
    static List<Entry> readAll(ConsumeQueue queue, int batchCapacity) {
        return readFrom(queue, queue.minOffset(), batchCapacity);
    }

    static List<Entry> readFrom(ConsumeQueue queue, long fromOffset, int batchCapacity) {
        EntryBatch batch = new EntryBatch(batchCapacity);
        List<Entry> entries = new ArrayList<>();
        long offset = fromOffset;
        while (offset < queue.maxOffset()) {
            int read = queue.read(offset, batchCapacity, batch);
            for (int i = 0; i < read; i++) {
                entries.add(new Entry(batch.queueOffset(i), batch.commitLogOffset(i), batch.size(i),
                        batch.tagHash(i)));
            }
            if (batch.nextOffset() <= offset) {
                throw new AssertionError("read made no progress at " + offset);
            }
            offset = batch.nextOffset();
        }
        return entries;
    }

    /** The queue files on disk, by name. */
    static List<String> fileNames(Path dataDir, String topic, int queueId) throws IOException {
        Path dir = FileNames.consumeQueueDir(dataDir, topic, queueId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    static String nameOfEntry(long queueOffset) {
        return FileNames.offsetToName(queueOffset * ConsumeQueue.ENTRY_SIZE);
    }

    /** Overwrites raw bytes of a closed queue's file: the entry at {@code indexInFile}. */
    static void writeRawEntry(Path file, int indexInFile, long commitLogOffset, int size, long tagHash)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(ConsumeQueue.ENTRY_SIZE);
        bytes.putLong(commitLogOffset).putInt(size).putLong(tagHash).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, (long) indexInFile * ConsumeQueue.ENTRY_SIZE);
        }
    }
}
