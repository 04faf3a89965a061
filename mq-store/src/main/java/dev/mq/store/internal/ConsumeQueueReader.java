package dev.mq.store.internal;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads the entries of one consume queue: from its files or, while a new queue's first file is
 * being created, from the entries kept in memory ({@link PendingFirstFile}). It owns no state: it
 * reads the file array and the waiting entries that its {@link ConsumeQueue} publishes, and the
 * queue decides the bounds (its minimum and maximum) of each read.
 *
 * <p>Any thread: readers, retention, and recovery before the queue is shared. A file is pinned
 * with {@link MappedFile#retain()} while it is read; one that retention closed meanwhile yields
 * nothing. {@link #scan} allocates nothing.
 */
final class ConsumeQueueReader {

    private static final int ENTRY_SIZE = ConsumeQueueFiles.ENTRY_SIZE;
    private static final int SIZE_FIELD = ConsumeQueueFiles.SIZE_FIELD;
    private static final int TAG_FIELD = ConsumeQueueFiles.TAG_FIELD;
    private static final int SCAN_BATCH = 256;

    private final Supplier<PendingEntries> pendingEntries;
    private final Supplier<MappedFile[]> files;
    private final LongSupplier minOffset;
    private final int entriesPerFile;

    /**
     * @param pendingEntries the entries waiting for the queue's first file, null when none wait
     * @param files          the queue's published files, sorted by start
     * @param minOffset      the queue's minimum
     */
    ConsumeQueueReader(Supplier<PendingEntries> pendingEntries, Supplier<MappedFile[]> files, LongSupplier minOffset,
                       int entriesPerFile) {
        this.pendingEntries = pendingEntries;
        this.files = files;
        this.minOffset = minOffset;
        this.entriesPerFile = entriesPerFile;
    }

    /** A reader of files that recovery has opened and no queue has published yet (minimum 0). */
    static ConsumeQueueReader ofOpenedFiles(MappedFile[] opened, int entriesPerFile) {
        return new ConsumeQueueReader(() -> null, () -> opened, () -> 0, entriesPerFile);
    }

    /**
     * Reads valid entries from {@code from} (no minimum check) up to {@code limit}, within one
     * file, at most {@code wanted} of them.
     */
    int scan(long from, int wanted, EntryBatch into, long limit) {
        into.reset(from);
        if (from >= limit) {
            return 0;
        }
        PendingEntries waiting = pendingEntries.get(); // before files: see ConsumeQueue#adoptCreatedFile
        if (waiting != null && from >= waiting.firstOffset()) {
            long offset = from;
            while (offset < limit && into.count() < wanted) {
                into.add(offset, waiting.commitLogOffset(offset), waiting.size(offset), waiting.tagHash(offset));
                offset++;
            }
            into.nextOffset(offset);
            return into.count();
        }
        MappedFile[] snapshot = files.get();
        int index = ConsumeQueueFiles.indexOf(snapshot, entriesPerFile, from);
        if (index < 0) {
            int following = -index - 1;
            into.nextOffset(following < snapshot.length ? Math.min(limit, ConsumeQueueFiles.firstEntry(snapshot[following])) : limit);
            return 0;
        }
        MappedFile file = snapshot[index];
        if (!file.retain()) {
            into.nextOffset(Math.max(from, minOffset.getAsLong()));
            return 0;
        }
        try {
            ByteBuffer mapping = file.mapping();
            long first = ConsumeQueueFiles.firstEntry(file);
            long end = Math.min(limit, first + entriesPerFile);
            long offset = from;
            while (offset < end && into.count() < wanted) {
                int position = (int) (offset - first) * ENTRY_SIZE;
                int size = mapping.getInt(position + SIZE_FIELD);
                if (size > 0) {
                    into.add(offset, mapping.getLong(position), size, mapping.getLong(position + TAG_FIELD));
                }
                offset++;
            }
            into.nextOffset(offset);
            return into.count();
        } finally {
            file.release();
        }
    }

    /** The first valid entry in {@code [from, limit)}, left in {@code probe}; -1 if none. */
    long firstValid(long from, long limit, EntryBatch probe) {
        long offset = from;
        while (offset < limit) {
            if (scan(offset, 1, probe, limit) == 1) {
                return probe.queueOffset(0);
            }
            long next = probe.nextOffset();
            if (next <= offset) {
                return -1;
            }
            offset = next;
        }
        return -1;
    }

    /**
     * The first entry in {@code [from, limit)} whose commit-log offset is at least
     * {@code commitLogOffset}; if there is none, where the search stopped: {@code limit}, or the
     * offset at which a file disappeared under it.
     */
    long firstAtOrAfter(long commitLogOffset, long from, long limit) {
        long offset = from;
        EntryBatch probe = new EntryBatch(SCAN_BATCH);
        while (offset < limit) {
            int read = scan(offset, SCAN_BATCH, probe, limit);
            for (int i = 0; i < read; i++) {
                if (probe.commitLogOffset(i) >= commitLogOffset) {
                    return probe.queueOffset(i);
                }
            }
            long next = probe.nextOffset();
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        return offset;
    }

    /** Commit-log end of the entry at {@code max - 1}; -1 if there is none. */
    long lastCommitLogEnd(long max) {
        if (max <= 0) {
            return -1;
        }
        EntryBatch probe = new EntryBatch(1);
        if (scan(max - 1, 1, probe, max) == 1) {
            return probe.commitLogOffset(0) + probe.size(0);
        }
        return -1;
    }
}
