package dev.mq.store.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recovery of one consume queue: at startup, maps the queue's files and finds where its entries
 * end, either by scanning the files ({@link ConsumeQueue#load}) or by checking the ends recorded
 * at the last graceful close or checkpoint ({@link ConsumeQueue#openAt}, through
 * {@link RecordedEndsCheck}), and starts the queue with what it found; afterwards, finds and
 * zeroes the entries that point beyond the recovered commit log ({@link ConsumeQueue#truncateFrom}).
 *
 * <p>Opening runs on the thread that calls {@code load} or {@code openAt}, before the queue is
 * shared. The static truncation helpers run under the queue's file lock while no {@code put} runs.
 */
final class ConsumeQueueRecovery {

    /** Logs under the queue's class name, as the queue did when it opened itself. */
    private static final System.Logger LOG = System.getLogger(ConsumeQueue.class.getName());
    private static final int ENTRY_SIZE = ConsumeQueueFiles.ENTRY_SIZE;
    private static final int SIZE_FIELD = ConsumeQueueFiles.SIZE_FIELD;

    /**
     * Where a truncation cuts a queue.
     *
     * @param lastKept                the last entry kept, -1 if none is
     * @param lastKeptCommitLogOffset its commit-log offset, MIN_VALUE if none is kept
     * @param firstRemoved            the first entry removed
     */
    record Cut(long lastKept, long lastKeptCommitLogOffset, long firstRemoved) {

        /** The queue's new maximum: one past the last entry kept, else the first entry removed. */
        long end() {
            return lastKept >= 0 ? lastKept + 1 : firstRemoved;
        }

        boolean keepsNone() {
            return lastKept < 0;
        }
    }

    private final ConsumeQueue queue;
    private final int entriesPerFile;
    private final int fileSize;
    private final LongAdder bytesRead;

    /** @param bytesRead gets the bytes of queue files read */
    ConsumeQueueRecovery(ConsumeQueue queue, int entriesPerFile, LongAdder bytesRead) {
        this.queue = queue;
        this.entriesPerFile = entriesPerFile;
        this.fileSize = entriesPerFile * ENTRY_SIZE;
        this.bytesRead = bytesRead;
    }

    /** Opens the queue's files and scans them for its end. */
    void scanFiles() {
        MappedFile[] opened = ConsumeQueueFiles.openExisting(queue.directory(), fileSize);
        try {
            recover(opened);
        } catch (RuntimeException e) {
            throw ConsumeQueueFiles.closeAll(opened, e, false);
        }
    }

    /**
     * Opens the queue's files at the recorded ends {@code [min, max)}; if the files contradict
     * them, logs why and scans the files instead, then cuts the entries pointing beyond
     * {@code logEnd} unless it is MAX_VALUE.
     */
    void openAtRecordedEnds(long min, long max, boolean entriesMayFollowEnd, long logEnd) {
        MappedFile[] opened = ConsumeQueueFiles.openExisting(queue.directory(), fileSize);
        try {
            if (!adoptEnds(opened, min, max, entriesMayFollowEnd)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: the files do not end at the recorded offset {1}"
                        + " (minimum {2}); recovering the queue by scanning its files", queue, max, min);
                recover(opened);
                if (logEnd != Long.MAX_VALUE) {
                    queue.truncateFrom(logEnd);
                }
            }
        } catch (RuntimeException e) {
            throw ConsumeQueueFiles.closeAll(opened, e, false);
        }
    }

    private boolean adoptEnds(MappedFile[] opened, long min, long max, boolean entriesMayFollowEnd) {
        RecordedEndsCheck.Confirmed confirmed = RecordedEndsCheck.check(opened, entriesPerFile, min, max,
                entriesMayFollowEnd, bytesRead);
        if (confirmed == null) {
            return false;
        }
        MappedFile[] kept = entriesMayFollowEnd ? dropFilesAfter(opened, max) : opened;
        queue.start(kept, min, max, confirmed.lastCommitLogOffset());
        return true;
    }

    /**
     * Deletes the files that start beyond entry {@code end}: made after a record of this queue's
     * ends, they hold only entries that re-dispatch writes again (into files it makes itself).
     * Returns the files kept.
     */
    private MappedFile[] dropFilesAfter(MappedFile[] opened, long end) {
        int keep = 0;
        while (keep < opened.length && ConsumeQueueFiles.firstEntry(opened[keep]) <= end) {
            keep++;
        }
        if (keep == opened.length) {
            return opened;
        }
        MappedFile[] beyond = Arrays.copyOfRange(opened, keep, opened.length);
        MappedFile[] kept = Arrays.copyOf(opened, keep);
        Arrays.fill(opened, keep, opened.length, null); // closed here, not by the caller on failure
        ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(beyond, null, true));
        return kept;
    }

    /**
     * The full recovery of {@link ConsumeQueue#load}, from the last file back: the first file (from
     * the end) holding an acceptable entry ends the queue.
     */
    private void recover(MappedFile[] opened) {
        int last = opened.length - 1;
        long end = -1;
        while (last >= 0) {
            MappedFile file = opened[last];
            bytesRead.add(last > 0 ? 2L * fileSize : fileSize);
            long previous = last > 0 ? ConsumeQueueFiles.lastCommitLogOffset(opened[last - 1], entriesPerFile)
                    : Long.MIN_VALUE;
            int accepted = ConsumeQueueFiles.acceptedEntries(file, entriesPerFile, previous);
            file.zeroFrom(accepted * ENTRY_SIZE);
            file.force(accepted * ENTRY_SIZE, fileSize);
            if (accepted > 0) {
                end = ConsumeQueueFiles.firstEntry(file) + accepted;
                break;
            }
            last--;
        }
        int keep = last >= 0 ? last + 1 : Math.min(opened.length, 1);
        MappedFile[] kept = Arrays.copyOf(opened, keep);
        ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(Arrays.copyOfRange(opened, keep, opened.length), null, true));
        if (end < 0) {
            long start = keep == 0 ? 0 : ConsumeQueueFiles.firstEntry(kept[0]);
            queue.start(kept, start, start, Long.MIN_VALUE);
            return;
        }
        ConsumeQueueReader reader = ConsumeQueueReader.ofOpenedFiles(kept, entriesPerFile);
        EntryBatch probe = new EntryBatch(1);
        long min = reader.firstValid(ConsumeQueueFiles.firstEntry(kept[0]), end, probe);
        reader.scan(end - 1, 1, probe, end);
        queue.start(kept, min, end, probe.commitLogOffset(0));
    }

    // ------------------------------------------------------------------------------------------
    // Truncation (ConsumeQueue#truncateFrom)

    /**
     * Where to cut the entries of {@code snapshot} below {@code max} so that none kept points
     * beyond {@code commitLogEnd} (its {@code commitLogOffset + size > commitLogEnd}), scanning
     * back from {@code max}; null if no entry points beyond it.
     */
    static Cut findCut(MappedFile[] snapshot, int entriesPerFile, long max, long commitLogEnd) {
        long firstRemoved = -1;
        for (int i = snapshot.length - 1; i >= 0; i--) {
            MappedFile file = snapshot[i];
            ByteBuffer mapping = file.mapping();
            long first = ConsumeQueueFiles.firstEntry(file);
            for (long offset = Math.min(max, first + entriesPerFile) - 1; offset >= first; offset--) {
                int position = (int) (offset - first) * ENTRY_SIZE;
                int size = mapping.getInt(position + SIZE_FIELD);
                if (size == 0) {
                    continue;
                }
                long commitLogOffset = mapping.getLong(position);
                if (commitLogOffset + size > commitLogEnd) {
                    firstRemoved = offset;
                } else {
                    return firstRemoved < 0 ? null : new Cut(offset, commitLogOffset, firstRemoved);
                }
            }
        }
        return firstRemoved < 0 ? null : new Cut(-1, Long.MIN_VALUE, firstRemoved);
    }

    /**
     * Zeroes the entries of {@code snapshot} from {@code end} on and returns how many leading
     * files to keep: those starting before {@code end}, and at least one.
     */
    static int zeroFrom(MappedFile[] snapshot, int entriesPerFile, long end) {
        int fileSize = entriesPerFile * ENTRY_SIZE;
        int keep = 0;
        while (keep < snapshot.length && (keep == 0 || ConsumeQueueFiles.firstEntry(snapshot[keep]) < end)) {
            MappedFile file = snapshot[keep];
            long first = ConsumeQueueFiles.firstEntry(file);
            if (first + entriesPerFile > end) {
                int from = (int) (Math.max(end, first) - first) * ENTRY_SIZE;
                file.zeroFrom(from);
                file.force(from, fileSize);
            }
            keep++;
        }
        return keep;
    }
}
