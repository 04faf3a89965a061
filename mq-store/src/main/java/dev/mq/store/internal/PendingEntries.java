package dev.mq.store.internal;

import java.util.Arrays;

/**
 * The entries of a new consume queue kept in memory while its first file is being created on the
 * {@link QueueFileCreator}'s thread, so that they are readable at once and the dispatcher never
 * waits for a file system.
 *
 * <p>Entries are contiguous from {@link #firstOffset()} and all belong to the first file (up to
 * {@link #limit()}). The writer appends; when the arrays are full it appends to a larger copy and
 * publishes that. Readers read only below the queue's published maximum, which the writer moves
 * after each append, so every entry they read is complete; arrays are never changed below that.
 */
final class PendingEntries {

    private static final int INITIAL_CAPACITY = 4;

    private final long firstOffset;
    private final long limit;
    private final long[] commitLogOffsets;
    private final int[] sizes;
    private final long[] tagHashes;
    /** Writer-confined. */
    private int count;

    private PendingEntries(long firstOffset, long limit, long[] commitLogOffsets, int[] sizes, long[] tagHashes,
                           int count) {
        this.firstOffset = firstOffset;
        this.limit = limit;
        this.commitLogOffsets = commitLogOffsets;
        this.sizes = sizes;
        this.tagHashes = tagHashes;
        this.count = count;
    }

    /** No entries yet; the first appended gets {@code firstOffset}, the last may get {@code limit - 1}. */
    static PendingEntries startingAt(long firstOffset, long limit) {
        int capacity = (int) Math.min(INITIAL_CAPACITY, limit - firstOffset);
        return new PendingEntries(firstOffset, limit, new long[capacity], new int[capacity], new long[capacity], 0);
    }

    long firstOffset() {
        return firstOffset;
    }

    long limit() {
        return limit;
    }

    /** The queue offset the next entry must have. Writer only. */
    long nextOffset() {
        return firstOffset + count;
    }

    /** Whether the entry at {@code queueOffset} can be appended. Writer only. */
    boolean accepts(long queueOffset) {
        return queueOffset == nextOffset() && queueOffset < limit;
    }

    /**
     * Appends the next entry; returns this, or a larger copy holding it that the writer must
     * publish instead. Writer only; call {@link #accepts} first.
     */
    PendingEntries append(long commitLogOffset, int size, long tagHash) {
        PendingEntries target = this;
        if (count == sizes.length) {
            int capacity = (int) Math.min(limit - firstOffset, (long) sizes.length * 2);
            target = new PendingEntries(firstOffset, limit, Arrays.copyOf(commitLogOffsets, capacity),
                    Arrays.copyOf(sizes, capacity), Arrays.copyOf(tagHashes, capacity), count);
        }
        target.commitLogOffsets[target.count] = commitLogOffset;
        target.sizes[target.count] = size;
        target.tagHashes[target.count] = tagHash;
        target.count++;
        return target;
    }

    /** Number of entries appended. Writer only. */
    int count() {
        return count;
    }

    long commitLogOffset(long queueOffset) {
        return commitLogOffsets[index(queueOffset)];
    }

    int size(long queueOffset) {
        return sizes[index(queueOffset)];
    }

    long tagHash(long queueOffset) {
        return tagHashes[index(queueOffset)];
    }

    private int index(long queueOffset) {
        return (int) (queueOffset - firstOffset);
    }
}
