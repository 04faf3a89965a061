package dev.mq.store.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks a queue's files against the minimum and maximum recorded for it ({@link QueueEnds}),
 * reading only the entry just below the recorded end, which must be written, and the one at it,
 * which must not be. Both are read through the file channel, so no page is faulted in through a
 * mapping. This is what lets a restart open a queue without scanning its files.
 */
final class RecordedEndsCheck {

    private static final int ENTRY_SIZE = ConsumeQueueFiles.ENTRY_SIZE;
    private static final int SIZE_FIELD = ConsumeQueueFiles.SIZE_FIELD;

    /**
     * What the files confirmed.
     *
     * @param lastCommitLogOffset commit-log offset of the entry below the end; MIN_VALUE if the
     *                            queue is empty
     */
    record Confirmed(long lastCommitLogOffset) {
    }

    private RecordedEndsCheck() {
    }

    /**
     * Whether {@code opened} (sorted by start) hold the queue {@code [min, max)}: the files cover
     * the range, the entry at {@code max - 1} is written and the one at {@code max} is not.
     *
     * @param entriesMayFollowEnd whether entries may lie at and beyond {@code max} (written after
     *                            a checkpoint's record, before a crash): the entry at {@code max}
     *                            is then not checked
     * @param bytesRead           gets the bytes read
     * @return what was confirmed, or null if the files contradict the record
     */
    static Confirmed check(MappedFile[] opened, int entriesPerFile, long min, long max, boolean entriesMayFollowEnd,
                           LongAdder bytesRead) {
        if (opened.length == 0 || min > max || min < ConsumeQueueFiles.firstEntry(opened[0])
                || max > ConsumeQueueFiles.firstEntry(opened[opened.length - 1]) + entriesPerFile) {
            return null;
        }
        long lastCommitLogOffset = Long.MIN_VALUE;
        if (max > min) {
            ByteBuffer last = readEntry(opened, entriesPerFile, max - 1, bytesRead);
            if (last == null || last.getInt(SIZE_FIELD) <= 0) {
                return null;
            }
            lastCommitLogOffset = last.getLong(0);
        }
        if (entriesMayFollowEnd) {
            return new Confirmed(lastCommitLogOffset);
        }
        ByteBuffer next = readEntry(opened, entriesPerFile, max, bytesRead);
        if (next != null && (next.getInt(SIZE_FIELD) != 0 || next.getLong(0) != 0)) {
            return null;
        }
        return new Confirmed(lastCommitLogOffset);
    }

    /** The entry at {@code offset} read through the channel; null if no file holds it. */
    private static ByteBuffer readEntry(MappedFile[] opened, int entriesPerFile, long offset, LongAdder bytesRead) {
        int index = ConsumeQueueFiles.indexOf(opened, entriesPerFile, offset);
        if (index < 0) {
            return null;
        }
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_SIZE);
        opened[index].read(entry, (int) (offset - ConsumeQueueFiles.firstEntry(opened[index])) * ENTRY_SIZE);
        bytesRead.add(ENTRY_SIZE);
        return entry;
    }
}
