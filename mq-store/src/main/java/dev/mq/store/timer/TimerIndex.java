package dev.mq.store.timer;

import dev.mq.store.StoreException;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The on-disk time index of pending timer (exact-time) messages: which stored record is due when.
 * It is the store's second engine beside the commit log, kept in a directory of its own that the
 * caller names (the broker uses {@code <data-dir>/timer/buckets}). Entries live
 * in one append-only file per time bucket ({@link TimerBucketFiles}); the heap holds only the
 * position of the delivery cursor and the few entries delivered but not yet confirmed, never the
 * pending entries themselves.
 *
 * <p>An entry is {@value #ENTRY_SIZE} bytes, big-endian: due time (epoch ms) 8, commit-log offset 8,
 * record size 4, state 4 (0 = pending, 1 = done). Delivery walks the buckets in time order with a
 * cursor: the cursor bucket's file is scanned whenever one of its entries may be due, due entries
 * are handed to the caller, and the bucket's file is deleted once every entry is done and the
 * bucket's time has passed. An entry added with a due time before the cursor bucket goes into the
 * cursor bucket, so it is due at once.
 *
 * <p>Delivered entries are first remembered as in flight; {@link #confirmDelivered()} writes their
 * done state. The caller confirms only after the delivered copies are durable, so a crash can
 * repeat a delivery but never lose one.
 *
 * <p><b>Files and failures.</b> Every I/O error surfaces as a {@link StoreException} naming the
 * bucket file or directory; an append torn by a crash (a file whose length is not a whole number of
 * entries) is cut back to its last whole entry when that file is first opened.
 *
 * <p><b>Threads.</b> Owned by one thread (the broker's timer thread); not thread-safe.
 */
public final class TimerIndex implements AutoCloseable {

    static final int ENTRY_SIZE = 24;
    private static final int STATE = 20;
    private static final int DONE = 1;
    private static final int SCAN_ENTRIES = 4096;

    /** Receives the due entries handed out by {@link #deliverDue(long, Delivery)}. */
    @FunctionalInterface
    public interface Delivery {

        /**
         * Delivers one due entry.
         *
         * @param dueMs           the entry's due time (epoch ms)
         * @param commitLogOffset the commit-log offset of the parked record
         * @param size            the size of that record in bytes
         * @return true if it was delivered (it is then in flight until confirmed), false if it
         *         could not be delivered now (it stays pending and delivery stops for this pass)
         */
        boolean deliver(long dueMs, long commitLogOffset, int size);
    }

    private final TimerBucketFiles files;
    private final long bucketMillis;
    private final ByteBuffer entry = ByteBuffer.allocateDirect(ENTRY_SIZE);
    private final ByteBuffer doneMark = ByteBuffer.allocateDirect(4);
    private final ByteBuffer scan = ByteBuffer.allocateDirect(SCAN_ENTRIES * ENTRY_SIZE);
    /** Entries delivered but not confirmed, by bucket: entry numbers within the bucket's file. */
    private final Map<Long, Set<Long>> inFlight = new HashMap<>();
    /** Buckets the cursor has passed whose files wait only for their in-flight entries to be confirmed. */
    private final Set<Long> passed = new HashSet<>();
    private long cursor = Long.MIN_VALUE;
    /** No pending entry of the cursor bucket is due before this (MAX_VALUE: none pending). */
    private long cursorScanAt = Long.MIN_VALUE;

    private TimerIndex(TimerBucketFiles files, long bucketMillis) {
        this.files = files;
        this.bucketMillis = bucketMillis;
    }

    /**
     * Opens the index kept in {@code dir} (created if missing), with one bucket file per
     * {@code bucketMillis} of due times. Entries already on disk are found again; the bucket
     * length must be the one they were written with.
     *
     * @throws IllegalArgumentException if {@code bucketMillis} is not positive
     * @throws StoreException           if the directory cannot be created
     */
    public static TimerIndex open(Path dir, long bucketMillis) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("the timer bucket length must be positive but was " + bucketMillis);
        }
        return new TimerIndex(new TimerBucketFiles(dir, ENTRY_SIZE), bucketMillis);
    }

    long bucketOf(long timeMs) {
        return Math.floorDiv(timeMs, bucketMillis) * bucketMillis;
    }

    /**
     * Adds a pending entry: the record of {@code size} bytes at {@code commitLogOffset} is due at
     * {@code dueMs}. An entry due before the delivery cursor's bucket goes into that bucket, so it
     * is due at once. The entry is durable only after the next {@link #force()}.
     *
     * @throws StoreException if the bucket file cannot be opened or written
     */
    public void add(long dueMs, long commitLogOffset, int size) {
        long bucket = bucketOf(dueMs);
        if (cursor != Long.MIN_VALUE && bucket <= cursor) {
            bucket = cursor;
            cursorScanAt = Math.min(cursorScanAt, dueMs);
        }
        entry.clear();
        entry.putLong(dueMs).putLong(commitLogOffset).putInt(size).putInt(0).flip();
        files.append(bucket, entry);
    }

    /**
     * Hands every entry due at {@code now} to {@code delivery}, in bucket order, and moves the
     * cursor over buckets that are finished. Stops at the first entry that could not be delivered.
     * Delivered entries are in flight until {@link #confirmDelivered()}; they are not handed out
     * again before that. A bucket's file is deleted once its time has passed and every entry in it
     * is done.
     *
     * @throws StoreException if a bucket file cannot be listed, read or deleted
     */
    public void deliverDue(long now, Delivery delivery) {
        if (cursor == Long.MIN_VALUE) {
            cursor = Math.min(files.firstAbove(Long.MIN_VALUE), bucketOf(now));
            cursorScanAt = Long.MIN_VALUE;
        }
        while (true) {
            boolean allHandled = scanCursor(now, delivery);
            if (!allHandled || cursor + bucketMillis > now) {
                return;
            }
            long finished = cursor;
            long next = files.exists(finished + bucketMillis) ? finished + bucketMillis : files.firstAbove(finished);
            cursor = Math.min(next, bucketOf(now));
            cursorScanAt = Long.MIN_VALUE;
            if (inFlight.containsKey(finished)) {
                passed.add(finished);
            } else {
                files.delete(finished);
            }
        }
    }

    /** Scans the cursor bucket if something may be due; true if no entry is left pending. */
    private boolean scanCursor(long now, Delivery delivery) {
        if (now < cursorScanAt) {
            return cursorScanAt == Long.MAX_VALUE;
        }
        Set<Long> delivered = inFlight.get(cursor);
        long nextDue = Long.MAX_VALUE;
        long number = 0;
        while (true) {
            scan.clear();
            int read = files.read(cursor, number * ENTRY_SIZE, scan);
            int whole = read / ENTRY_SIZE;
            for (int i = 0; i < whole; i++, number++) {
                int at = i * ENTRY_SIZE;
                if (scan.getInt(at + STATE) == DONE || scan.getInt(at + 16) <= 0
                        || (delivered != null && delivered.contains(number))) {
                    continue;
                }
                long due = scan.getLong(at);
                if (due > now) {
                    nextDue = Math.min(nextDue, due);
                    continue;
                }
                if (!delivery.deliver(due, scan.getLong(at + 8), scan.getInt(at + 16))) {
                    cursorScanAt = Long.MIN_VALUE; // try again on the next pass
                    return false;
                }
                if (delivered == null) {
                    delivered = inFlight.computeIfAbsent(cursor, b -> new HashSet<>());
                }
                delivered.add(number);
            }
            if (whole < SCAN_ENTRIES) {
                break;
            }
        }
        cursorScanAt = nextDue;
        return nextDue == Long.MAX_VALUE;
    }

    /** Whether delivered entries wait for {@link #confirmDelivered()}. */
    public boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    /**
     * Marks every in-flight entry done and deletes the passed buckets that were waiting for that.
     * Call it only once the delivered copies are durable: an entry not confirmed before a crash is
     * delivered again after it.
     *
     * @throws StoreException if a bucket file cannot be written or deleted
     */
    public void confirmDelivered() {
        for (Map.Entry<Long, Set<Long>> bucket : inFlight.entrySet()) {
            for (long number : bucket.getValue()) {
                doneMark.clear();
                doneMark.putInt(DONE).flip();
                files.write(bucket.getKey(), number * ENTRY_SIZE + STATE, doneMark);
            }
        }
        inFlight.clear();
        for (long bucket : passed) {
            files.delete(bucket);
        }
        passed.clear();
    }

    /**
     * Marks done every entry for a commit-log offset at or above {@code commitLogOffset}: used at
     * start-up before the index is rebuilt from that offset on, so rebuilding adds no twins.
     * Returns the number of entries marked.
     *
     * @throws StoreException if a bucket file cannot be listed, read or written
     */
    public long voidFrom(long commitLogOffset) {
        long voided = 0;
        for (long bucket : files.all()) {
            long number = 0;
            while (true) {
                scan.clear();
                int whole = files.read(bucket, number * ENTRY_SIZE, scan) / ENTRY_SIZE;
                for (int i = 0; i < whole; i++, number++) {
                    int at = i * ENTRY_SIZE;
                    if (scan.getInt(at + STATE) != DONE && scan.getLong(at + 8) >= commitLogOffset) {
                        doneMark.clear();
                        doneMark.putInt(DONE).flip();
                        files.write(bucket, number * ENTRY_SIZE + STATE, doneMark);
                        voided++;
                    }
                }
                if (whole < SCAN_ENTRIES) {
                    break;
                }
            }
        }
        cursorScanAt = Long.MIN_VALUE;
        return voided;
    }

    /**
     * The pending entries on disk (neither done nor in flight). Reads every bucket file: for tests
     * and diagnostics, not for a hot path.
     *
     * @throws StoreException if a bucket file cannot be listed or read
     */
    public long pendingCount() {
        long pending = 0;
        for (long bucket : files.all()) {
            Set<Long> delivered = inFlight.getOrDefault(bucket, Set.of());
            long number = 0;
            while (true) {
                scan.clear();
                int whole = files.read(bucket, number * ENTRY_SIZE, scan) / ENTRY_SIZE;
                for (int i = 0; i < whole; i++, number++) {
                    int at = i * ENTRY_SIZE;
                    if (scan.getInt(at + STATE) != DONE && scan.getInt(at + 16) > 0 && !delivered.contains(number)) {
                        pending++;
                    }
                }
                if (whole < SCAN_ENTRIES) {
                    break;
                }
            }
        }
        return pending;
    }

    /**
     * Forces the entries added since the last call to the device; call it before saving progress
     * that counts them.
     *
     * @throws StoreException if a bucket file cannot be written or forced
     */
    public void force() {
        files.forceWritten();
    }

    /**
     * Forces the entries added since the last {@link #force()} and closes every open bucket file.
     * Entries in flight stay pending on disk (they are delivered again after a reopen).
     *
     * @throws StoreException if a bucket file cannot be written or forced; every file is closed
     *                        even then (a file that fails to close is logged)
     */
    @Override
    public void close() {
        files.close();
    }
}
