package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One file of the message-key index: a hash table of chained entries mapping a key to the
 * commit-log offsets of the records that carry it, each tagged with the record's store time.
 *
 * <p><b>Layout</b> (all big-endian), {@code 40 + hashSlots * 4 + entries * 20} bytes:
 * <pre>
 * header  beginTimestamp:8 endTimestamp:8 beginPhyOffset:8 endPhyOffset:8 hashSlotsUsed:4 entryCount:4
 * slots   hashSlots x int: index of the newest entry whose key hash falls into the slot, 0 = none
 * entries entries x (keyHash:4 phyOffset:8 timeDiff:4 prevIndex:4)
 * </pre>
 * Entry index 0 means "none", so entries are numbered from 1 and {@code entryCount} (the next
 * index to write) starts at 1; entry {@code i} is stored at {@code 40 + hashSlots * 4 + (i - 1) * 20},
 * so a file holds exactly {@code entries} entries.
 *
 * <ul>
 *   <li>{@code beginTimestamp}, {@code beginPhyOffset}: store time and offset of the first entry
 *       (0 while the file is empty). Every entry's time is {@code beginTimestamp + timeDiff * 1000}:
 *       whole seconds, rounded down, so lookups filter on the record time truncated to the second
 *       after the file's first record. A store time earlier than {@code beginTimestamp} (a clock
 *       stepping back) is recorded as {@code beginTimestamp}.</li>
 *   <li>{@code endTimestamp}: the latest (recorded) entry time.</li>
 *   <li>{@code endPhyOffset}: not written by {@link #put}; its owner sets it with
 *       {@link #setEndPhyOffset(long)} ({@link IndexService} keeps its indexing watermark there).</li>
 *   <li>{@code hashSlotsUsed}: informational; may be off by one after a crash.</li>
 * </ul>
 *
 * <p>The file is named {@link FileNames#offsetToName(long)} of a creation timestamp chosen by the
 * creator ({@link IndexService} passes the store time of the first record it puts there, made
 * unique); the name only orders files, the time range a file covers is in its header.
 *
 * <p><b>Threads.</b> {@link #put} and {@link #setEndPhyOffset} are called by one writer thread.
 * {@link #lookup}, {@link #flush} and the accessors may be called from any thread: header values
 * are mirrored in volatile fields, and slots are written with release and read with acquire
 * semantics after their entry is complete, so a reader never follows a slot to an unwritten entry.
 * Readers retain the mapping while they read, so {@link #destroy()} from another thread is safe.
 *
 * <p><b>Crashes.</b> A put writes the entry, then the slot, then the header, entry count last. If
 * the process dies between the slot and the count, {@link #open} finds the slot pointing at the
 * unpublished entry and restores the slot's previous value. Chains damaged otherwise (e.g. pages
 * lost by an OS crash) are tolerated: a walk stops at the first link that does not point to an
 * older entry.
 */
public final class IndexFile {

    /** Header bytes. */
    public static final int HEADER_SIZE = 40;
    /** Bytes per hash slot. */
    public static final int SLOT_SIZE = 4;
    /** Bytes per entry. */
    public static final int ENTRY_SIZE = 20;

    static final int BEGIN_TIMESTAMP_AT = 0;
    static final int END_TIMESTAMP_AT = 8;
    static final int BEGIN_PHY_OFFSET_AT = 16;
    static final int END_PHY_OFFSET_AT = 24;
    static final int HASH_SLOTS_USED_AT = 32;
    static final int ENTRY_COUNT_AT = 36;

    static final int ENTRY_KEY_HASH_AT = 0;
    static final int ENTRY_PHY_OFFSET_AT = 4;
    static final int ENTRY_TIME_DIFF_AT = 12;
    static final int ENTRY_PREV_INDEX_AT = 16;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MappedFile file;
    private final ByteBuffer buffer;
    private final int hashSlots;
    private final int capacity;
    private final long creationTimestamp;

    private volatile long beginTimestamp;
    private volatile long endTimestamp;
    private volatile long beginPhyOffset;
    private volatile long endPhyOffset;
    private volatile int hashSlotsUsed;
    private volatile int entryCount;
    /** Bumped by the writer after every change; {@link #flush()} skips when unchanged. */
    private volatile long changes;
    private long flushedChanges = -1;
    private int flushedEntryCount = 1;

    private IndexFile(MappedFile file, int hashSlots, int capacity, long creationTimestamp) {
        this.file = file;
        this.buffer = file.mapping();
        this.hashSlots = hashSlots;
        this.capacity = capacity;
        this.creationTimestamp = creationTimestamp;
    }

    /**
     * The size in bytes of a file with these dimensions.
     *
     * @throws IllegalArgumentException if a dimension is below 1 or the file would exceed 2 GiB
     */
    public static int fileSize(int hashSlots, int entries) {
        if (hashSlots < 1 || entries < 1) {
            throw new IllegalArgumentException("hashSlots and entries must be >= 1 but were " + hashSlots
                    + " and " + entries);
        }
        long size = HEADER_SIZE + (long) SLOT_SIZE * hashSlots + (long) ENTRY_SIZE * entries;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an index file of " + hashSlots + " slots and " + entries
                    + " entries would have " + size + " bytes, more than 2 GiB");
        }
        return (int) size;
    }

    /** The non-negative hash under which {@code key} is filed: {@code key.hashCode()} without its sign bit. */
    public static int keyHash(String key) {
        return keyHash(key.hashCode());
    }

    /** The filing hash of a key whose {@link String#hashCode()} is {@code keyHashCode}. */
    static int keyHash(int keyHashCode) {
        return keyHashCode & Integer.MAX_VALUE;
    }

    /**
     * Creates an empty file {@code dir/offsetToName(creationTimestamp)} with its header written
     * ({@code entryCount} 1, the given {@code endPhyOffset}, everything else 0).
     *
     * @throws StoreException if the file exists or cannot be created
     */
    public static IndexFile create(Path dir, long creationTimestamp, int hashSlots, int entries, long endPhyOffset) {
        int size = fileSize(hashSlots, entries);
        Path path = dir.resolve(FileNames.offsetToName(creationTimestamp));
        IndexFile index = new IndexFile(MappedFile.create(path, creationTimestamp, size), hashSlots, entries,
                creationTimestamp);
        index.endPhyOffset = endPhyOffset;
        LONG.set(index.buffer, END_PHY_OFFSET_AT, endPhyOffset);
        index.entryCount = 1;
        INT.setRelease(index.buffer, ENTRY_COUNT_AT, 1);
        index.changes++;
        return index;
    }

    /**
     * Opens an existing file written with the same dimensions and rolls back a put torn by a crash.
     * A file whose header was never written ({@link #hasHeader()} false) is opened as is.
     *
     * @throws StoreException if the file's size does not match the dimensions (it was written with
     *                        another configuration), its name is not a timestamp, or its header is corrupt
     */
    public static IndexFile open(Path path, int hashSlots, int entries) {
        int size = fileSize(hashSlots, entries);
        long creationTimestamp = FileNames.pathToOffset(path);
        if (creationTimestamp < 0) {
            throw new StoreException("index file " + path + " is not named by a timestamp");
        }
        long actual;
        try {
            actual = Files.size(path);
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + path, e);
        }
        if (actual != size) {
            throw new StoreException("index file " + path + " has " + actual + " bytes but " + hashSlots
                    + " hash slots and " + entries + " entries need " + size
                    + "; was the store written with other index-hash-slots or index-entries-per-file?");
        }
        IndexFile index = new IndexFile(MappedFile.open(path, creationTimestamp, size), hashSlots, entries,
                creationTimestamp);
        try {
            index.readHeader();
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
        return index;
    }

    private void readHeader() {
        int count = (int) INT.get(buffer, ENTRY_COUNT_AT);
        if (count < 0 || count > capacity + 1) {
            throw new StoreException("index file " + file.path() + " is corrupt: entry count " + count
                    + " is outside 0.." + (capacity + 1));
        }
        beginTimestamp = (long) LONG.get(buffer, BEGIN_TIMESTAMP_AT);
        endTimestamp = (long) LONG.get(buffer, END_TIMESTAMP_AT);
        beginPhyOffset = (long) LONG.get(buffer, BEGIN_PHY_OFFSET_AT);
        endPhyOffset = (long) LONG.get(buffer, END_PHY_OFFSET_AT);
        hashSlotsUsed = (int) INT.get(buffer, HASH_SLOTS_USED_AT);
        if (count >= 1 && count <= capacity) {
            rollBackTornPut(count);
        }
        entryCount = count;
        flushedEntryCount = Math.max(count, 1);
    }

    /** Undoes the slot write of a put whose entry count never reached the header. */
    private void rollBackTornPut(int count) {
        int entryAt = entryPosition(count);
        int hash = (int) INT.get(buffer, entryAt + ENTRY_KEY_HASH_AT);
        if (hash < 0) {
            return;
        }
        int slotAt = slotPosition(hash);
        if ((int) INT.get(buffer, slotAt) == count) {
            int prev = (int) INT.get(buffer, entryAt + ENTRY_PREV_INDEX_AT);
            INT.setRelease(buffer, slotAt, prev > 0 && prev < count ? prev : 0);
        }
    }

    /** False for a file created but never given its header (the creator crashed); it holds nothing. */
    public boolean hasHeader() {
        return entryCount != 0;
    }

    /**
     * Adds an entry for {@code key}. Writer thread only.
     *
     * @param phyOffset      commit-log offset of the record (>= 0)
     * @param storeTimestamp the record's store time in epoch milliseconds (>= 0)
     * @return false if the entry does not fit: the file is full, or {@code storeTimestamp} is more
     *         than {@code Integer.MAX_VALUE} seconds after {@link #beginTimestamp()}; the caller
     *         then continues in a new file
     */
    public boolean put(String key, long phyOffset, long storeTimestamp) {
        Objects.requireNonNull(key, "key");
        return putHashed(key.hashCode(), phyOffset, storeTimestamp);
    }

    /** {@link #put(String, long, long)} for a key given by its {@link String#hashCode()} (all the file keeps of it). */
    public boolean putHashed(int keyHashCode, long phyOffset, long storeTimestamp) {
        if (phyOffset < 0 || storeTimestamp < 0) {
            throw new IllegalArgumentException("phyOffset and storeTimestamp must be >= 0 but were "
                    + phyOffset + " and " + storeTimestamp);
        }
        int index = entryCount;
        if (index < 1) {
            throw new IllegalStateException("index file " + file.path() + " has no header");
        }
        if (index > capacity) {
            return false;
        }
        boolean first = index == 1;
        long begin = first ? storeTimestamp : beginTimestamp;
        long recordedTime = Math.max(storeTimestamp, begin);
        long timeDiff = (recordedTime - begin) / 1000;
        if (timeDiff > Integer.MAX_VALUE) {
            return false;
        }
        int hash = keyHash(keyHashCode);
        int slotAt = slotPosition(hash);
        int head = (int) INT.get(buffer, slotAt);
        if (head < 0 || head >= index) {
            head = 0;
        }

        int entryAt = entryPosition(index);
        INT.set(buffer, entryAt + ENTRY_KEY_HASH_AT, hash);
        LONG.set(buffer, entryAt + ENTRY_PHY_OFFSET_AT, phyOffset);
        INT.set(buffer, entryAt + ENTRY_TIME_DIFF_AT, (int) timeDiff);
        INT.set(buffer, entryAt + ENTRY_PREV_INDEX_AT, head);
        INT.setRelease(buffer, slotAt, index);

        if (first) {
            LONG.set(buffer, BEGIN_TIMESTAMP_AT, begin);
            LONG.set(buffer, BEGIN_PHY_OFFSET_AT, phyOffset);
            beginTimestamp = begin;
            beginPhyOffset = phyOffset;
        }
        long end = first ? recordedTime : Math.max(endTimestamp, recordedTime);
        LONG.set(buffer, END_TIMESTAMP_AT, end);
        endTimestamp = end;
        INT.setRelease(buffer, ENTRY_COUNT_AT, index + 1);
        entryCount = index + 1;
        if (head == 0) {
            INT.set(buffer, HASH_SLOTS_USED_AT, hashSlotsUsed + 1);
            hashSlotsUsed = hashSlotsUsed + 1;
        }
        changes++;
        return true;
    }

    /**
     * Adds to {@code into} the commit-log offsets of entries filed under {@code key}'s hash whose
     * recorded time is within {@code [beginTime, endTime]}, newest entry first, until {@code into}
     * holds {@code maxResults} values. Offsets already in {@code into} are not added again. Keys
     * with the same hash match too: callers check each hit against the record. Any thread.
     */
    public void lookup(String key, long beginTime, long endTime, int maxResults, List<Long> into) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(into, "into");
        if (maxResults <= into.size() || beginTime > endTime || !file.retain()) {
            return;
        }
        try {
            int count = entryCount;
            if (count <= 1) {
                return;
            }
            long begin = beginTimestamp;
            int hash = keyHash(key);
            Set<Long> seen = new HashSet<>(into);
            int index = (int) INT.getAcquire(buffer, slotPosition(hash));
            while (index > 0 && index <= capacity && into.size() < maxResults) {
                int entryAt = entryPosition(index);
                int entryHash = (int) INT.get(buffer, entryAt + ENTRY_KEY_HASH_AT);
                long phyOffset = (long) LONG.get(buffer, entryAt + ENTRY_PHY_OFFSET_AT);
                int timeDiff = (int) INT.get(buffer, entryAt + ENTRY_TIME_DIFF_AT);
                int prev = (int) INT.get(buffer, entryAt + ENTRY_PREV_INDEX_AT);
                if (entryHash == hash && phyOffset >= 0 && timeDiff >= 0) {
                    long time = begin + timeDiff * 1000L;
                    if (time >= beginTime && time <= endTime && seen.add(phyOffset)) {
                        into.add(phyOffset);
                    }
                }
                if (prev < 0 || prev >= index) {
                    break;
                }
                index = prev;
            }
        } finally {
            file.release();
        }
    }

    /** Sets the header's {@code endPhyOffset}. Writer thread only. */
    public void setEndPhyOffset(long value) {
        LONG.set(buffer, END_PHY_OFFSET_AT, value);
        endPhyOffset = value;
        changes++;
    }

    /**
     * The commit-log offset of the newest entry, or -1 when the file is empty. Writer thread
     * (or any thread while no writer runs).
     */
    public long lastEntryPhyOffset() {
        int count = entryCount;
        if (count <= 1) {
            return -1;
        }
        return (long) LONG.get(buffer, entryPosition(count - 1) + ENTRY_PHY_OFFSET_AT);
    }

    /** The timestamp the file is named after. */
    public long creationTimestamp() {
        return creationTimestamp;
    }

    public Path path() {
        return file.path();
    }

    /** Store time of the first entry; 0 while empty. */
    public long beginTimestamp() {
        return beginTimestamp;
    }

    /** Latest recorded entry time; 0 while empty. */
    public long endTimestamp() {
        return endTimestamp;
    }

    /** Commit-log offset of the first entry; 0 while empty. */
    public long beginPhyOffset() {
        return beginPhyOffset;
    }

    /** The value last given to {@link #setEndPhyOffset(long)} (or to {@link #create}). */
    public long endPhyOffset() {
        return endPhyOffset;
    }

    /** Slots that have been non-empty (informational). */
    public int hashSlotsUsed() {
        return hashSlotsUsed;
    }

    /** The header's entry count: the index the next entry gets, so 1 + the number of entries. */
    public int entryCount() {
        return entryCount;
    }

    /** True while no entry has been put. */
    public boolean isEmpty() {
        return entryCount <= 1;
    }

    /** True when every entry is used. */
    public boolean isFull() {
        return entryCount > capacity;
    }

    /** Hash slots of this file. */
    public int hashSlots() {
        return hashSlots;
    }

    /** Entries this file holds when full. */
    public int capacity() {
        return capacity;
    }

    /**
     * Writes changed pages to the device: the header and slot table, and the entries added since
     * the last flush. Does nothing when unchanged or when the file is already closed. Any thread.
     */
    public synchronized void flush() {
        long changesNow = changes;
        if (changesNow == flushedChanges || !file.retain()) {
            return;
        }
        try {
            int count = entryCount;
            int slotsEnd = HEADER_SIZE + SLOT_SIZE * hashSlots;
            file.force(0, slotsEnd);
            file.force(entryPosition(flushedEntryCount), entryPosition(count));
            flushedEntryCount = count;
            flushedChanges = changesNow;
        } finally {
            file.release();
        }
    }

    /** Unmaps the file once no lookup uses it. Idempotent. */
    public void close() {
        file.close();
    }

    /** Like {@link #close()}, and deletes the file. Idempotent. */
    public void destroy() {
        file.destroy();
    }

    /** The underlying mapped file, for tests in this package. */
    MappedFile mappedFile() {
        return file;
    }

    int slotPosition(int keyHash) {
        return HEADER_SIZE + SLOT_SIZE * (keyHash % hashSlots);
    }

    int entryPosition(int index) {
        return HEADER_SIZE + SLOT_SIZE * hashSlots + ENTRY_SIZE * (index - 1);
    }

    @Override
    public String toString() {
        return "IndexFile[" + file.path() + ", entries=" + (Math.max(entryCount, 1) - 1) + "/" + capacity
                + ", time=" + beginTimestamp + ".." + endTimestamp + ", endPhyOffset=" + endPhyOffset + "]";
    }
}
