package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * All index files of a store, oldest to newest, in {@link FileNames#indexDir(Path)}: finds the
 * commit-log offsets of records by key within a time range.
 *
 * <p><b>Watermark.</b> {@link #indexedUpTo()} is an exclusive commit-log offset W: every record
 * starting below W has all its keys in the index. The dispatcher indexes a record's keys with
 * {@link #put} and then calls {@link #markIndexed(long)} with the record's end (the next record's
 * offset); {@code put} ignores records below W, so a record re-dispatched after a restart is either
 * skipped whole or indexed whole, never half. W is persisted as the {@code endPhyOffset} of the
 * newest file, which {@link #markIndexed} and {@link #truncateFrom} update; a new file starts with
 * the current W, and {@link #load()} takes W from the newest file (0 when there is none). Keys of a
 * record that was being indexed when the process died are indexed again after the restart; lookups
 * drop the duplicate offsets.
 *
 * <p><b>Older files.</b> When a new file is started, the previous one is sealed by raising its
 * {@code endPhyOffset} to {@code max(W, offset of its last entry + 1)}, so that for every file but
 * the newest, {@code endPhyOffset} is an exclusive upper bound of the offsets it holds (other than
 * stale entries, see below). {@link #deleteFilesBelow(long)} therefore deletes a file when
 * {@code endPhyOffset <= commitLogMinOffset}.
 *
 * <p><b>Naming.</b> A file is named after the store time of the first record put into it, raised
 * to one past the previous file's name when needed so that names are unique and increasing.
 *
 * <p><b>Stale hits.</b> {@link #truncateFrom(long)} only lowers W; entries pointing at or above
 * the cut stay in the files, and records later written there are indexed again. A lookup can
 * therefore return an offset whose current record does not carry the key (as it can for keys
 * whose hashes collide); callers verify every hit against the record, which makes this harmless.
 *
 * <p><b>Threads.</b> {@link #load()} runs before everything else and {@link #close()} after
 * everything else. {@link #put}, {@link #markIndexed} and {@link #truncateFrom} are called by one
 * writer thread (the dispatcher; {@code truncateFrom} may also run during recovery, before the
 * dispatcher starts). {@link #lookup}, {@link #deleteFilesBelow}, {@link #flush} and the accessors
 * may be called from any thread: the file list is a volatile array replaced under a lock, and
 * deletion never removes the newest file, the only one the writer writes.
 */
public final class IndexService {

    private static final IndexFile[] NO_FILES = new IndexFile[0];

    private final Path dir;
    private final int hashSlots;
    private final int entriesPerFile;
    private final Object listLock = new Object();

    private volatile IndexFile[] files = NO_FILES;
    private volatile long watermark;
    private volatile boolean loaded;
    private volatile boolean closed;

    /**
     * An index over {@code FileNames.indexDir(dataDir)}; nothing is read until {@link #load()}.
     *
     * @throws IllegalArgumentException if a file of these dimensions would be invalid
     */
    public IndexService(Path dataDir, int hashSlots, int entriesPerFile) {
        IndexFile.fileSize(hashSlots, entriesPerFile);
        this.dir = FileNames.indexDir(Objects.requireNonNull(dataDir, "dataDir"));
        this.hashSlots = hashSlots;
        this.entriesPerFile = entriesPerFile;
    }

    /**
     * Creates the directory if needed and opens the existing files in name order. A file whose
     * header was never written (its creator died right after creating it) holds nothing and is
     * deleted. Restores {@link #indexedUpTo()} from the newest file.
     *
     * @throws StoreException if the directory cannot be read or a file does not match the dimensions
     */
    public void load() {
        if (loaded) {
            throw new IllegalStateException("index already loaded from " + dir);
        }
        List<Path> paths;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> listing = Files.list(dir)) {
                paths = listing.filter(p -> FileNames.pathToOffset(p) >= 0 && Files.isRegularFile(p))
                        .sorted(Comparator.comparingLong(FileNames::pathToOffset))
                        .toList();
            }
        } catch (IOException e) {
            throw new StoreException("cannot list index directory " + dir, e);
        }
        List<IndexFile> opened = new ArrayList<>();
        try {
            for (Path path : paths) {
                IndexFile file = IndexFile.open(path, hashSlots, entriesPerFile);
                if (file.hasHeader()) {
                    opened.add(file);
                } else {
                    file.destroy();
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(IndexFile::close);
            throw e;
        }
        synchronized (listLock) {
            files = opened.toArray(NO_FILES);
        }
        watermark = opened.isEmpty() ? 0 : opened.get(opened.size() - 1).endPhyOffset();
        loaded = true;
    }

    /**
     * Indexes {@code key} for the record at {@code phyOffset}, unless that record is below
     * {@link #indexedUpTo()}. Starts a new file when the newest is full. Writer thread only.
     *
     * @param storeTimestamp the record's store time in epoch milliseconds (>= 0)
     */
    public void put(String key, long phyOffset, long storeTimestamp) {
        Objects.requireNonNull(key, "key");
        putHashed(key.hashCode(), phyOffset, storeTimestamp);
    }

    /**
     * {@link #put(String, long, long)} for a key given by its {@link String#hashCode()}: the index
     * keeps only the hash, so the dispatcher computes it from the stored bytes without building the key.
     */
    public void putHashed(int keyHashCode, long phyOffset, long storeTimestamp) {
        requireOpen();
        if (phyOffset < watermark) {
            return;
        }
        IndexFile current = newest();
        if (current != null && current.putHashed(keyHashCode, phyOffset, storeTimestamp)) {
            return;
        }
        IndexFile next = startFile(current, storeTimestamp);
        if (!next.putHashed(keyHashCode, phyOffset, storeTimestamp)) {
            throw new IllegalStateException("a new index file refused its first entry: " + next);
        }
    }

    /**
     * Records that every record below {@code nextPhyOffset} has all its keys indexed (call it after
     * each record, with the offset just past the record). Never lowers the watermark. Writer thread only.
     */
    public void markIndexed(long nextPhyOffset) {
        requireOpen();
        if (nextPhyOffset <= watermark) {
            return;
        }
        watermark = nextPhyOffset;
        IndexFile current = newest();
        if (current != null) {
            current.setEndPhyOffset(nextPhyOffset);
        }
    }

    /** The exclusive commit-log offset below which every record is fully indexed. */
    public long indexedUpTo() {
        return watermark;
    }

    /**
     * The offsets of records filed under {@code key}'s hash with a recorded time in
     * {@code [beginTime, endTime]}: newest first, without duplicates, at most {@code maxResults}.
     * Only files whose time range overlaps the query are read. Hits may include records of other
     * keys with the same hash and stale entries (see the class comment). Any thread.
     */
    public List<Long> lookup(String key, long beginTime, long endTime, int maxResults) {
        Objects.requireNonNull(key, "key");
        List<Long> result = new ArrayList<>();
        if (maxResults <= 0 || beginTime > endTime) {
            return result;
        }
        IndexFile[] snapshot = files;
        for (int i = snapshot.length - 1; i >= 0 && result.size() < maxResults; i--) {
            IndexFile file = snapshot[i];
            if (!file.isEmpty() && file.beginTimestamp() <= endTime && file.endTimestamp() >= beginTime) {
                file.lookup(key, beginTime, endTime, maxResults, result);
            }
        }
        return result;
    }

    /**
     * Recovery after the commit log was cut at {@code commitLogEnd}: lowers the watermark to it
     * (if higher) so that records written again from there are indexed again. Entries for the
     * removed records stay (see the class comment). Writer thread, or before it starts.
     */
    public void truncateFrom(long commitLogEnd) {
        requireOpen();
        if (commitLogEnd < 0) {
            throw new IllegalArgumentException("commitLogEnd must be >= 0 but was " + commitLogEnd);
        }
        if (commitLogEnd >= watermark) {
            return;
        }
        watermark = commitLogEnd;
        IndexFile current = newest();
        if (current != null) {
            current.setEndPhyOffset(commitLogEnd);
        }
    }

    /**
     * Deletes every file but the newest whose {@code endPhyOffset <= commitLogMinOffset}: all the
     * records it points to are gone from the commit log. Lookups running on a deleted file finish
     * first (the file is unmapped when they release it). Any thread.
     *
     * @return the number of files deleted
     */
    public int deleteFilesBelow(long commitLogMinOffset) {
        List<IndexFile> doomed = new ArrayList<>();
        synchronized (listLock) {
            IndexFile[] current = files;
            List<IndexFile> kept = new ArrayList<>(current.length);
            for (int i = 0; i < current.length; i++) {
                boolean newestFile = i == current.length - 1;
                if (!newestFile && current[i].endPhyOffset() <= commitLogMinOffset) {
                    doomed.add(current[i]);
                } else {
                    kept.add(current[i]);
                }
            }
            if (doomed.isEmpty()) {
                return 0;
            }
            files = kept.toArray(NO_FILES);
        }
        StoreException failure = null;
        for (IndexFile file : doomed) {
            try {
                file.destroy();
            } catch (StoreException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return doomed.size();
    }

    /** Writes changed pages of every file to the device. Any thread. */
    public void flush() {
        for (IndexFile file : files) {
            file.flush();
        }
    }

    /** Closes every file. Call after the writer and readers stopped. Idempotent. */
    public void close() {
        IndexFile[] toClose;
        synchronized (listLock) {
            closed = true;
            toClose = files;
            files = NO_FILES;
        }
        for (IndexFile file : toClose) {
            file.close();
        }
    }

    /** A snapshot of the files, oldest first. */
    public List<IndexFile> files() {
        return List.of(files);
    }

    private IndexFile newest() {
        IndexFile[] snapshot = files;
        return snapshot.length == 0 ? null : snapshot[snapshot.length - 1];
    }

    /**
     * Creates the next file (header first, carrying the watermark), seals {@code previous}, then
     * publishes the new file. The previous file is still the newest while it is sealed, so
     * deletion cannot remove it under the writer.
     */
    private IndexFile startFile(IndexFile previous, long storeTimestamp) {
        long name = storeTimestamp;
        if (previous != null) {
            name = Math.max(name, previous.creationTimestamp() + 1);
        }
        IndexFile next = IndexFile.create(dir, name, hashSlots, entriesPerFile, watermark);
        if (previous != null) {
            previous.setEndPhyOffset(Math.max(watermark, previous.lastEntryPhyOffset() + 1));
        }
        synchronized (listLock) {
            IndexFile[] current = files;
            IndexFile[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = next;
            files = grown;
        }
        return next;
    }

    private void requireOpen() {
        if (!loaded) {
            throw new IllegalStateException("index not loaded: call load() first");
        }
        if (closed) {
            throw new IllegalStateException("index closed");
        }
    }
}
