package dev.mq.store.internal;

import java.util.Objects;

/**
 * A caller-owned, reusable buffer of consume-queue entries filled by
 * {@link ConsumeQueue#read(long, int, EntryBatch)}. Reading into it allocates nothing.
 *
 * <p>Not thread-safe: each reading thread uses its own batch.
 */
public final class EntryBatch {

    private final long[] queueOffsets;
    private final long[] commitLogOffsets;
    private final int[] sizes;
    private final long[] tagHashes;
    private int count;
    private long nextOffset;

    /**
     * @param capacity the most entries one read can return
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public EntryBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        queueOffsets = new long[capacity];
        commitLogOffsets = new long[capacity];
        sizes = new int[capacity];
        tagHashes = new long[capacity];
    }

    /** The most entries this batch holds. */
    public int capacity() {
        return sizes.length;
    }

    /** How many entries the last read returned. */
    public int count() {
        return count;
    }

    /** True if the last read returned no entry. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The queue offset of entry {@code i} (0 &lt;= i &lt; {@link #count()}). */
    public long queueOffset(int i) {
        return queueOffsets[Objects.checkIndex(i, count)];
    }

    /** The commit-log offset of the record that entry {@code i} points to. */
    public long commitLogOffset(int i) {
        return commitLogOffsets[Objects.checkIndex(i, count)];
    }

    /** The size in bytes of the record that entry {@code i} points to. */
    public int size(int i) {
        return sizes[Objects.checkIndex(i, count)];
    }

    /** The tag hash of entry {@code i}. */
    public long tagHash(int i) {
        return tagHashes[Objects.checkIndex(i, count)];
    }

    /**
     * The queue offset at which the next read should start: one past the last offset the read
     * examined (gap entries included), or where readable entries resume (the queue's minimum, or
     * the first entry of the next file). Equal to the requested offset only when nothing can be
     * read there now.
     */
    public long nextOffset() {
        return nextOffset;
    }

    void reset(long from) {
        count = 0;
        nextOffset = from;
    }

    void add(long queueOffset, long commitLogOffset, int size, long tagHash) {
        queueOffsets[count] = queueOffset;
        commitLogOffsets[count] = commitLogOffset;
        sizes[count] = size;
        tagHashes[count] = tagHash;
        count++;
    }

    void nextOffset(long offset) {
        nextOffset = offset;
    }
}
