package dev.mq.store.internal;

import dev.mq.store.BoundaryType;
import dev.mq.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The index of one topic queue: entry {@code n} (queue offset {@code n}) says where the
 * {@code n}-th message of the queue lies in the commit log.
 *
 * <p><b>Layout.</b> Files of {@code entriesPerFile} 20-byte entries in
 * {@code consumequeue/<topic>/<queueId>/}, each named by its byte offset in the queue (entry index
 * times 20). An entry is, big-endian: commit-log offset (8), size (4), tag hash (8). The size is
 * written last; an entry whose size is 0 was never written (a gap) and readers skip it. Files may
 * be missing between the first and the last one (a gap that spans whole files); reads step over
 * them.
 *
 * <p><b>Offsets.</b> {@link #maxOffset()} is one past the last entry written; {@link #minOffset()}
 * the first entry still valid. After {@link #load} the minimum is the first entry on disk; the
 * store re-applies retention ({@link #deleteFilesBelow(long)}) with the commit log's minimum to
 * move it past expired entries, which are not recorded otherwise.
 *
 * <p><b>Threads.</b>
 * <ul>
 *   <li>One writer thread (the dispatcher) calls {@link #put} and {@link #adoptCreatedFile()}. It
 *       takes no lock unless it needs a new file. A new queue's entries may wait in memory while a
 *       {@link QueueFileCreator} makes its first file ({@link #createFirstFile}, on the creator's
 *       thread, under the lock); readers see them all the same.</li>
 *   <li>Any thread may call {@link #read}, {@link #offsetByTime}, {@link #minOffset()},
 *       {@link #maxOffset()}, {@link #lastCommitLogEnd()}. An entry is visible once
 *       {@code maxOffset()} covers it.</li>
 *   <li>Retention calls {@link #deleteFilesBelow(long)} from its own thread; a flusher calls
 *       {@link #flush()} from its own. Both may run while the writer and readers do.</li>
 *   <li>{@link #truncateFrom(long)} is for recovery: call it while no {@code put} runs (readers and
 *       retention may). The writer must be started after it, so that it sees its effects.</li>
 *   <li>{@link #close()} and {@link #destroy()} may race with readers, retention and the flusher.
 *       A {@code put} racing with them fails with {@link IllegalStateException} and writes
 *       nothing.</li>
 * </ul>
 * Changes of the file list happen under one lock and are published as a new array; readers use the
 * array they saw and pin each file with {@link MappedFile#retain()} while they read it. The first
 * array comes from {@link ConsumeQueueRecovery}, before the queue is shared; reads go through
 * {@link ConsumeQueueReader}.
 */
public final class ConsumeQueue {

    /** Bytes per entry. */
    public static final int ENTRY_SIZE = ConsumeQueueFiles.ENTRY_SIZE;

    private static final int SIZE_FIELD = ConsumeQueueFiles.SIZE_FIELD;
    private static final int TAG_FIELD = ConsumeQueueFiles.TAG_FIELD;
    private static final MappedFile[] NO_FILES = ConsumeQueueFiles.NO_FILES;

    private final String topic;
    private final int queueId;
    private final Path dir;
    private final int entriesPerFile;
    private final int fileSize;
    private final long maxQueueOffset;

    /** Guards changes of {@link #files} and {@link #closed}. */
    private final Object fileLock = new Object();
    /** Guards {@link #flushedOffset}. */
    private final Object flushLock = new Object();

    /** Sorted by start offset; replaced, never modified. */
    private volatile MappedFile[] files = NO_FILES;
    private volatile boolean closed;
    private final AtomicLong minOffset = new AtomicLong();
    /** Written by the writer (and by recovery before the writer starts). */
    private volatile long maxOffset;
    private long flushedOffset;
    /** Writer-confined: commit-log offset of the last entry, for the monotonicity check. */
    private long lastPutCommitLogOffset = Long.MIN_VALUE;
    /** Writer-confined: keeps the writer's mapping writes off pages the page cache does not hold. */
    private final QueueTailPages tailPages = new QueueTailPages();
    /**
     * The entries of a new queue while its first file is being created ({@link #put(long, long, int,
     * long, QueueFileCreator)}).
     */
    private final PendingFirstFile pending = new PendingFirstFile();
    /** Guarded by {@link #fileLock}: a file created for this queue and not adopted by the writer yet. */
    private MappedFile created;
    /** Told when the queue changes while {@link #changedSinceRecord} is clear; null if nobody records ends. */
    private volatile Consumer<ConsumeQueue> changeListener;
    /** Set on the first change after the last record of this queue's ends ({@link #clearChanged()}). */
    private final AtomicBoolean changedSinceRecord = new AtomicBoolean();
    /** Reads the entries from {@link #files} and {@link #pending}. */
    private final ConsumeQueueReader reader;

    private ConsumeQueue(Path dataDir, String topic, int queueId, int entriesPerFile) {
        if (entriesPerFile < 1 || entriesPerFile > Integer.MAX_VALUE / ENTRY_SIZE) {
            throw new IllegalArgumentException("entriesPerFile must be in [1, " + Integer.MAX_VALUE / ENTRY_SIZE
                    + "] but was " + entriesPerFile);
        }
        if (queueId < 0) {
            throw new IllegalArgumentException("queueId must be >= 0 but was " + queueId);
        }
        this.topic = topic;
        this.queueId = queueId;
        this.dir = FileNames.consumeQueueDir(dataDir, topic, queueId);
        this.entriesPerFile = entriesPerFile;
        this.fileSize = entriesPerFile * ENTRY_SIZE;
        this.maxQueueOffset = Long.MAX_VALUE / ENTRY_SIZE - entriesPerFile;
        this.reader = new ConsumeQueueReader(pending::entries, () -> files, minOffset::get, entriesPerFile);
    }

    /**
     * Opens the queue's files and recovers its end: the last entry whose size is set, cutting off
     * a trailing entry whose commit-log offset is below its predecessor's (garbage) and everything
     * after it. Bytes beyond the end are zeroed and files wholly beyond it deleted. A queue without
     * files starts empty at offset 0; one whose files hold no entry starts empty at the first
     * file's first entry.
     *
     * @throws StoreException if a file cannot be mapped or does not fit {@code entriesPerFile}
     */
    public static ConsumeQueue load(Path dataDir, String topic, int queueId, int entriesPerFile) {
        return load(dataDir, topic, queueId, entriesPerFile, new LongAdder());
    }

    /** {@link #load(Path, String, int, int)}, adding the bytes its scan reads to {@code bytesRead}. */
    public static ConsumeQueue load(Path dataDir, String topic, int queueId, int entriesPerFile, LongAdder bytesRead) {
        ConsumeQueue queue = new ConsumeQueue(dataDir, topic, queueId, entriesPerFile);
        new ConsumeQueueRecovery(queue, entriesPerFile, bytesRead).scanFiles();
        return queue;
    }

    /**
     * Opens the queue's files with the minimum and maximum it had at the last graceful close
     * ({@link QueueEnds}), without scanning them: it reads only the entry before {@code max}
     * (which must be written) and the one at {@code max} (which must not be), through the channel,
     * so no page is faulted in through the mapping. If they disagree, or the files do not cover
     * the range, it falls back to the full recovery of {@link #load} and logs why.
     *
     * @param bytesRead gets the bytes of queue files read
     * @throws StoreException if a file cannot be mapped or does not fit {@code entriesPerFile}
     */
    public static ConsumeQueue openAt(Path dataDir, String topic, int queueId, int entriesPerFile, long min, long max,
                                      LongAdder bytesRead) {
        return openAt(dataDir, topic, queueId, entriesPerFile, min, max, false, Long.MAX_VALUE, bytesRead);
    }

    /**
     * Like {@link #openAt(Path, String, int, int, long, long, LongAdder)}, for ends recorded at a
     * checkpoint before a crash.
     *
     * @param entriesMayFollowEnd whether entries written after the record may lie at and beyond
     *                            {@code max} (recovery re-dispatches them, writing each again):
     *                            then the entry at {@code max} is not read
     * @param logEnd              where the recovered commit log ends (MAX_VALUE after a graceful
     *                            close): if the files contradict the record, the full recovery
     *                            also cuts the entries pointing beyond it
     */
    public static ConsumeQueue openAt(Path dataDir, String topic, int queueId, int entriesPerFile, long min, long max,
                                      boolean entriesMayFollowEnd, long logEnd, LongAdder bytesRead) {
        ConsumeQueue queue = new ConsumeQueue(dataDir, topic, queueId, entriesPerFile);
        new ConsumeQueueRecovery(queue, entriesPerFile, bytesRead).openAtRecordedEnds(min, max, entriesMayFollowEnd,
                logEnd);
        return queue;
    }

    /**
     * Starts the queue with the files and ends its recovery found ({@link ConsumeQueueRecovery}).
     * Before the queue is shared.
     *
     * @param lastCommitLogOffset commit-log offset of the entry at {@code max - 1}; MIN_VALUE if none
     */
    void start(MappedFile[] recovered, long min, long max, long lastCommitLogOffset) {
        files = recovered;
        minOffset.set(min);
        maxOffset = max;
        lastPutCommitLogOffset = lastCommitLogOffset;
        flushedOffset = max;
    }

    /** The topic this queue belongs to. */
    public String topic() {
        return topic;
    }

    /** The queue id within the topic. */
    public int queueId() {
        return queueId;
    }

    /** The directory holding this queue's files. */
    public Path directory() {
        return dir;
    }

    /** The first valid queue offset; equal to {@link #maxOffset()} when the queue is empty. */
    public long minOffset() {
        return minOffset.get();
    }

    /** The offset the next entry gets: one past the last entry written. */
    public long maxOffset() {
        return maxOffset;
    }

    // ------------------------------------------------------------------------------------------
    // Changes since the last record of the queue's ends (see ConsumeQueueStore#record)

    /**
     * Sets who is told when the queue changes (entries written, cut, minimum moved) for the first
     * time after {@link #clearChanged()}. Set once, before the queue is shared.
     */
    void onChange(Consumer<ConsumeQueue> listener) {
        this.changeListener = listener;
    }

    /** Clears the changed mark before the queue's ends are read for a record. Any thread. */
    void clearChanged() {
        changedSinceRecord.set(false);
    }

    /** Marks the queue changed, telling the listener unless it was marked already. Any thread. */
    void markChanged() {
        Consumer<ConsumeQueue> listener = changeListener;
        if (listener != null && !changedSinceRecord.get() && changedSinceRecord.compareAndSet(false, true)) {
            listener.accept(this);
        }
    }

    /**
     * One past the last entry known to be on the device: where {@link #flush()} got to. A record
     * of the queue's ends taken after a flush claims no more than this.
     */
    long flushedEnd() {
        synchronized (flushLock) {
            return flushedOffset;
        }
    }

    /** Whether {@link #close()} or {@link #destroy()} ran. */
    boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------
    // Writing

    /**
     * Writes the entry for {@code queueOffset}. Writer thread only.
     *
     * <p>An offset below {@link #maxOffset()} is already there (re-dispatch after recovery) and is
     * skipped. An offset above it leaves a gap of never-written entries; if the queue is empty the
     * queue restarts there instead: the minimum becomes {@code queueOffset} and older files go.
     *
     * @return true if written, false if skipped because the entry is already there
     * @throws IllegalArgumentException if the size is not positive, an offset is negative or the
     *                                  commit-log offset is below the previous entry's
     * @throws IllegalStateException    if the queue is closed
     * @throws StoreException           if a new file cannot be created
     */
    public boolean put(long queueOffset, long commitLogOffset, int size, long tagHash) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive but was " + size);
        }
        if (commitLogOffset < 0) {
            throw new IllegalArgumentException("commitLogOffset must be >= 0 but was " + commitLogOffset);
        }
        if (queueOffset < 0 || queueOffset > maxQueueOffset) {
            throw new IllegalArgumentException("queueOffset must be in [0, " + maxQueueOffset + "] but was "
                    + queueOffset);
        }
        long max = maxOffset;
        if (queueOffset < max) {
            return false;
        }
        if (commitLogOffset < lastPutCommitLogOffset) {
            throw new IllegalArgumentException(this + ": commit-log offset " + commitLogOffset
                    + " is below the previous entry's " + lastPutCommitLogOffset);
        }
        boolean restart = queueOffset > max && minOffset.get() >= max;
        MappedFile file = restart ? fileForRestart(queueOffset) : fileForAppend(queueOffset);
        if (!file.retain()) {
            throw closedException();
        }
        try {
            ByteBuffer mapping = file.mapping();
            int position = position(file, queueOffset);
            long dataEnd = restart ? 0 : (max - ConsumeQueueFiles.firstEntry(file)) * ENTRY_SIZE;
            tailPages.prepare(file, position, ENTRY_SIZE, (int) Math.max(0, Math.min(fileSize, dataEnd)));
            mapping.putLong(position, commitLogOffset);
            mapping.putLong(position + TAG_FIELD, tagHash);
            mapping.putInt(position + SIZE_FIELD, size);
        } finally {
            file.release();
        }
        lastPutCommitLogOffset = commitLogOffset;
        maxOffset = queueOffset + 1;
        if (restart) {
            advanceMin(queueOffset);
            dropFilesBefore(ConsumeQueueFiles.firstEntry(file));
        }
        markChanged();
        return true;
    }

    /**
     * Like {@link #put(long, long, int, long)}, but if this queue has no file yet (a new queue),
     * the file is created by {@code creator} on its thread while the entries are kept in memory,
     * readable at once. The writer later writes them into the file with {@link #adoptCreatedFile()}
     * (also done here when the file is there, or when an entry does not fit in memory). With a null
     * creator the file is created here. Writer thread only.
     */
    public boolean put(long queueOffset, long commitLogOffset, int size, long tagHash, QueueFileCreator creator) {
        boolean waiting = pending.waiting();
        if (!waiting && (creator == null || files.length > 0 || queueOffset != maxOffset
                || queueOffset < 0 || queueOffset > maxQueueOffset)) {
            return put(queueOffset, commitLogOffset, size, tagHash);
        }
        if (waiting && pending.fileNeededFor(queueOffset)) {
            adoptCreatedFile();
            return put(queueOffset, commitLogOffset, size, tagHash);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive but was " + size);
        }
        if (commitLogOffset < 0 || commitLogOffset < lastPutCommitLogOffset) {
            throw new IllegalArgumentException(this + ": commit-log offset " + commitLogOffset
                    + " is negative or below the previous entry's " + lastPutCommitLogOffset);
        }
        if (!waiting) {
            ensureOpen();
            long start = fileStartFor(queueOffset);
            pending.begin(queueOffset, start + entriesPerFile, creator.request(this, start));
        }
        pending.append(commitLogOffset, size, tagHash);
        lastPutCommitLogOffset = commitLogOffset;
        maxOffset = queueOffset + 1;
        markChanged();
        return true;
    }

    /** Whether entries are waiting in memory for this queue's first file. */
    public boolean hasPendingEntries() {
        return pending.waiting();
    }

    /**
     * Writes the entries kept in memory into the first file once it is created (waiting for the
     * creation if needed) and publishes the file. Nothing happens if no entries are pending, or if
     * the queue was closed meanwhile. Writer thread only.
     *
     * @throws StoreException if the file could not be created
     */
    public void adoptCreatedFile() {
        if (!pending.waiting()) {
            return;
        }
        MappedFile file = pending.awaitFile(closed, this);
        synchronized (fileLock) {
            if (!closed && file != null) {
                pending.writeInto(file, tailPages);
                created = null;
                files = new MappedFile[] {file};
            }
        }
        // after the file is published: a reader that finds no pending entries finds them in the file
        pending.clear();
        markChanged(); // the entries can now be flushed, and recorded
    }

    /** Creates the first file, starting at entry {@code start}, for the writer to adopt. Creator thread. */
    MappedFile createFirstFile(long start) {
        synchronized (fileLock) {
            ensureOpen();
            if (files.length > 0 || created != null) {
                throw new IllegalStateException(this + " already has a first file");
            }
            created = newFile(start);
            return created;
        }
    }

    /** The file {@code queueOffset} goes into when appending; creates it if needed. */
    private MappedFile fileForAppend(long queueOffset) {
        MappedFile[] snapshot = files;
        if (snapshot.length > 0 && contains(snapshot[snapshot.length - 1], queueOffset)) {
            return snapshot[snapshot.length - 1];
        }
        synchronized (fileLock) {
            ensureOpen();
            snapshot = files;
            if (snapshot.length > 0 && contains(snapshot[snapshot.length - 1], queueOffset)) {
                return snapshot[snapshot.length - 1];
            }
            return appendFile(snapshot, fileStartFor(queueOffset));
        }
    }

    /**
     * The file {@code queueOffset} goes into when an empty queue restarts there. If it is the last
     * file, the expired entries before {@code queueOffset} in it are zeroed so that a reload finds
     * the new minimum. Nobody reads them: they are below the minimum.
     */
    private MappedFile fileForRestart(long queueOffset) {
        synchronized (fileLock) {
            ensureOpen();
            MappedFile[] snapshot = files;
            long start = fileStartFor(queueOffset);
            if (snapshot.length > 0 && ConsumeQueueFiles.firstEntry(snapshot[snapshot.length - 1]) == start) {
                MappedFile last = snapshot[snapshot.length - 1];
                int end = position(last, queueOffset);
                ConsumeQueueFiles.zeroEntries(last, 0, end);
                last.force(0, end);
                return last;
            }
            return appendFile(snapshot, start);
        }
    }

    /** Creates the file starting at entry {@code start} and publishes it last. Holds the lock. */
    private MappedFile appendFile(MappedFile[] snapshot, long start) {
        if (snapshot.length > 0 && ConsumeQueueFiles.firstEntry(snapshot[snapshot.length - 1]) >= start) {
            throw new IllegalStateException(this + ": new file at entry " + start
                    + " would not come after the last file " + snapshot[snapshot.length - 1]);
        }
        MappedFile file = newFile(start);
        MappedFile[] grown = Arrays.copyOf(snapshot, snapshot.length + 1);
        grown[snapshot.length] = file;
        files = grown;
        return file;
    }

    private MappedFile newFile(long start) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create " + dir, e);
        }
        long byteOffset = start * ENTRY_SIZE;
        return MappedFile.createWithoutDescriptor(dir.resolve(FileNames.offsetToName(byteOffset)), byteOffset, fileSize);
    }

    /** Deletes the files wholly before entry {@code start} (after a restart). */
    private void dropFilesBefore(long start) {
        synchronized (fileLock) {
            MappedFile[] snapshot = files;
            int drop = 0;
            while (drop < snapshot.length - 1 && ConsumeQueueFiles.firstEntry(snapshot[drop]) + entriesPerFile <= start) {
                drop++;
            }
            if (drop > 0) {
                files = Arrays.copyOfRange(snapshot, drop, snapshot.length);
                ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(Arrays.copyOf(snapshot, drop), null, true));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reading

    /**
     * Reads up to {@code maxEntries} entries (at most the batch's capacity) starting at
     * {@code fromOffset} into {@code into}, skipping gap entries. Stops at {@link #maxOffset()}
     * and possibly at a file boundary: loop from {@link EntryBatch#nextOffset()} for more. Any
     * thread; allocates nothing.
     *
     * <p>Below {@link #minOffset()} nothing is returned and the batch's next offset is the minimum.
     * If a file disappears under the read (retention), nothing is returned and the next offset is
     * the minimum or, while retention has not moved it yet, {@code fromOffset}: re-check
     * {@link #minOffset()} and retry.
     *
     * @return the number of entries read, also {@link EntryBatch#count()}
     */
    public int read(long fromOffset, int maxEntries, EntryBatch into) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1 but was " + maxEntries);
        }
        long limit = maxOffset;
        long min = minOffset.get();
        if (fromOffset < min) {
            into.reset(fromOffset);
            into.nextOffset(min);
            return 0;
        }
        return reader.scan(fromOffset, Math.min(maxEntries, into.capacity()), into, limit);
    }

    /**
     * Commit-log end ({@code commitLogOffset + size}) of the entry at {@code maxOffset() - 1}:
     * where dispatching this queue got to. -1 if there is no entry on disk.
     */
    public long lastCommitLogEnd() {
        return reader.lastCommitLogEnd(maxOffset);
    }

    // ------------------------------------------------------------------------------------------
    // Searching by time

    /**
     * Finds a queue offset by store time, by binary search over {@code [minOffset, maxOffset)}
     * (store times never decrease along a queue). Entries whose record is gone from the commit
     * log (lookup -1, a prefix of the queue) are not candidates.
     *
     * <ul>
     *   <li>{@link BoundaryType#LOWER}: the smallest offset whose store time is
     *       {@code >= timestamp}; {@link #maxOffset()} if there is none.</li>
     *   <li>{@link BoundaryType#UPPER}: the largest offset whose store time is
     *       {@code <= timestamp}; {@link #minOffset()} if there is none (every message is
     *       later).</li>
     * </ul>
     * With no live entry at all, LOWER gives the maximum and UPPER the minimum.
     */
    public long offsetByTime(long timestamp, BoundaryType boundary, StoreTimeLookup lookup) {
        long max = maxOffset;
        long min = minOffset.get();
        return new ConsumeQueueTimeSearch(reader::firstValid, lookup).offsetByTime(min, max, timestamp, boundary);
    }

    // ------------------------------------------------------------------------------------------
    // Recovery

    /**
     * Removes every trailing entry that points beyond {@code commitLogEnd} (its
     * {@code commitLogOffset + size > commitLogEnd}): the maximum drops to one past the last entry
     * kept, the bytes beyond are zeroed and files wholly beyond it deleted. If no entry is kept the
     * queue stays empty at the first removed offset (its first file is kept, zeroed, so that a
     * reload finds the same place). Not concurrent with {@link #put}.
     *
     * @throws IllegalStateException if the queue is closed
     */
    public void truncateFrom(long commitLogEnd) {
        synchronized (fileLock) {
            ensureOpen();
            if (pending.waiting()) {
                throw new IllegalStateException(this + ": cannot truncate while entries wait for the first file");
            }
            MappedFile[] snapshot = files;
            ConsumeQueueRecovery.Cut cut = ConsumeQueueRecovery.findCut(snapshot, entriesPerFile, maxOffset,
                    commitLogEnd);
            if (cut == null) {
                return;
            }
            long newMax = cut.end();
            maxOffset = newMax;
            if (cut.keepsNone() || minOffset.get() > newMax) {
                minOffset.set(newMax);
            }
            cutFiles(snapshot, newMax);
            synchronized (flushLock) {
                flushedOffset = Math.min(flushedOffset, newMax);
            }
            lastPutCommitLogOffset = cut.lastKeptCommitLogOffset();
        }
        markChanged();
    }

    /** Zeroes entries from {@code end} on and deletes files wholly beyond, keeping at least one. Holds the lock. */
    private void cutFiles(MappedFile[] snapshot, long end) {
        int keep = ConsumeQueueRecovery.zeroFrom(snapshot, entriesPerFile, end);
        if (keep < snapshot.length) {
            files = Arrays.copyOf(snapshot, keep);
            ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(Arrays.copyOfRange(snapshot, keep, snapshot.length), null, true));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Retention

    /**
     * Retention: deletes the files all of whose entries end at or below {@code commitLogMinOffset}
     * (never the last file), then moves the minimum to the first entry whose commit-log offset is
     * {@code >= commitLogMinOffset}, or to the maximum if every entry has expired. The minimum
     * never moves back. Any thread; a no-op on a closed queue.
     */
    public void deleteFilesBelow(long commitLogMinOffset) {
        synchronized (fileLock) {
            if (closed) {
                return;
            }
            MappedFile[] snapshot = files;
            int drop = 0;
            while (drop < snapshot.length - 1 && ConsumeQueueFiles.lastCommitLogEnd(snapshot[drop], entriesPerFile) <= commitLogMinOffset) {
                drop++;
            }
            if (drop > 0) {
                advanceMin(ConsumeQueueFiles.firstEntry(snapshot[drop]));
                files = Arrays.copyOfRange(snapshot, drop, snapshot.length);
                ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(Arrays.copyOf(snapshot, drop), null, true));
            }
        }
        advanceMinPast(commitLogMinOffset);
    }

    private void advanceMinPast(long commitLogMinOffset) {
        long limit = maxOffset;
        long from = minOffset.get();
        advanceMin(reader.firstAtOrAfter(commitLogMinOffset, from, limit));
    }

    private void advanceMin(long offset) {
        long current = minOffset.get();
        while (offset > current) {
            if (minOffset.compareAndSet(current, offset)) {
                markChanged();
                return;
            }
            current = minOffset.get();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Flushing and closing

    /** Forces the entries written since the last flush to the device. Any thread. */
    public void flush() {
        synchronized (flushLock) {
            long target = maxOffset;
            PendingEntries waiting = pending.entries(); // entries kept in memory are not in a file yet
            if (waiting != null) {
                target = Math.min(target, waiting.firstOffset());
            }
            long from = flushedOffset;
            if (target <= from) {
                return;
            }
            for (MappedFile file : files) {
                long first = ConsumeQueueFiles.firstEntry(file);
                long end = first + entriesPerFile;
                if (end <= from) {
                    continue;
                }
                if (first >= target) {
                    break;
                }
                if (!file.retain()) {
                    continue;
                }
                try {
                    file.force((int) (Math.max(from, first) - first) * ENTRY_SIZE,
                            (int) (Math.min(target, end) - first) * ENTRY_SIZE);
                } finally {
                    file.release();
                }
            }
            flushedOffset = target;
        }
    }

    /** Flushes and unmaps the files (once readers are done). Idempotent. */
    public void close() {
        synchronized (fileLock) {
            if (closed) {
                return;
            }
            RuntimeException failure = null;
            try {
                flush();
            } catch (RuntimeException e) {
                failure = e;
            }
            closed = true;
            MappedFile[] snapshot = withCreated(files);
            files = NO_FILES;
            ConsumeQueueFiles.throwIfFailed(ConsumeQueueFiles.closeAll(snapshot, failure, false));
        }
    }

    /** Closes the queue and deletes its files and directory (topic deletion). Idempotent. */
    public void destroy() {
        synchronized (fileLock) {
            closed = true;
            MappedFile[] snapshot = withCreated(files);
            files = NO_FILES;
            RuntimeException failure = ConsumeQueueFiles.closeAll(snapshot, null, true);
            try {
                FileTrees.deleteRecursively(dir);
            } catch (StoreException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            ConsumeQueueFiles.throwIfFailed(failure);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Helpers

    /** {@code snapshot} plus a created file not adopted yet, which is dropped here. Holds the lock. */
    private MappedFile[] withCreated(MappedFile[] snapshot) {
        if (created == null) {
            return snapshot;
        }
        MappedFile[] all = Arrays.copyOf(snapshot, snapshot.length + 1);
        all[snapshot.length] = created;
        created = null;
        return all;
    }

    private long fileStartFor(long queueOffset) {
        return queueOffset - queueOffset % entriesPerFile;
    }

    private boolean contains(MappedFile file, long queueOffset) {
        long first = ConsumeQueueFiles.firstEntry(file);
        return queueOffset >= first && queueOffset < first + entriesPerFile;
    }

    private int position(MappedFile file, long queueOffset) {
        return (int) (queueOffset - ConsumeQueueFiles.firstEntry(file)) * ENTRY_SIZE;
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(this + " is closed");
    }

    @Override
    public String toString() {
        return "ConsumeQueue[" + topic + "/" + queueId + "]";
    }
}
