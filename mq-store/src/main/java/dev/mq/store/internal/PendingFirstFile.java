package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The first file of a new consume queue while a {@link QueueFileCreator} makes it: the entries the
 * queue keeps in memory meanwhile ({@link PendingEntries}), the creation in flight, and the writing
 * of those entries into the file once it is there.
 *
 * <p>The queue's writer thread does everything here except {@link #entries()}, which readers call
 * to see the entries in memory. The owning {@link ConsumeQueue} publishes the file; this class
 * only knows how to wait for it and fill it.
 */
final class PendingFirstFile {

    private static final int ENTRY_SIZE = ConsumeQueueFiles.ENTRY_SIZE;
    private static final int SIZE_FIELD = ConsumeQueueFiles.SIZE_FIELD;
    private static final int TAG_FIELD = ConsumeQueueFiles.TAG_FIELD;

    /** The entries waiting for the file; null when none wait. Written by the writer, read by anyone. */
    private volatile PendingEntries entries;
    /** Writer-confined: the creation of the file, while entries wait. */
    private CompletableFuture<MappedFile> creation;

    /** The entries waiting in memory, or null. Any thread. */
    PendingEntries entries() {
        return entries;
    }

    /** Whether entries wait in memory for the file. */
    boolean waiting() {
        return entries != null;
    }

    /**
     * Whether the entry at {@code queueOffset} has to go to the file rather than to memory: the
     * file is there already, or the entry would not follow the ones waiting in the first file.
     * Writer only, while entries wait.
     */
    boolean fileNeededFor(long queueOffset) {
        return creation.isDone() || !entries.accepts(queueOffset);
    }

    /**
     * Starts keeping entries in memory: the first gets {@code firstOffset}; the file, of which
     * {@code limit} is the first entry beyond, comes from {@code creation}. Writer only.
     */
    void begin(long firstOffset, long limit, CompletableFuture<MappedFile> creation) {
        this.creation = creation;
        this.entries = PendingEntries.startingAt(firstOffset, limit);
    }

    /** Keeps the next entry in memory. Writer only; check {@link #fileNeededFor} first. */
    void append(long commitLogOffset, int size, long tagHash) {
        entries = entries.append(commitLogOffset, size, tagHash);
    }

    /**
     * Waits for the file. Returns null if its creation failed because the queue was closed
     * meanwhile ({@code closed}). Writer only, while entries wait.
     *
     * @throws StoreException if the creation failed otherwise
     */
    MappedFile awaitFile(boolean closed, Object queue) {
        try {
            return creation.join();
        } catch (CompletionException e) {
            if (closed) {
                return null;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new StoreException("cannot create the first file of " + queue, e.getCause());
        }
    }

    /** Writes the waiting entries into {@code file} through its mapping. Writer only, under the queue's lock. */
    void writeInto(MappedFile file, QueueTailPages tailPages) {
        PendingEntries waiting = entries;
        ByteBuffer mapping = file.mapping();
        long firstEntryOfFile = ConsumeQueueFiles.firstEntry(file);
        for (long offset = waiting.firstOffset(); offset < waiting.nextOffset(); offset++) {
            int position = (int) (offset - firstEntryOfFile) * ENTRY_SIZE;
            tailPages.prepare(file, position, ENTRY_SIZE, 0);
            mapping.putLong(position, waiting.commitLogOffset(offset));
            mapping.putLong(position + TAG_FIELD, waiting.tagHash(offset));
            mapping.putInt(position + SIZE_FIELD, waiting.size(offset));
        }
    }

    /**
     * Forgets the entries, once they are in the published file (or the queue is closed): a reader
     * that no longer finds them here finds them in the file. Writer only.
     */
    void clear() {
        entries = null;
        creation = null;
    }
}
