package dev.mq.store.internal;

import dev.mq.lifecycle.ServiceThread;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the commit-log writer off the file-creation path: creates (and maps) the next segment
 * before it is needed and, when preallocation is on, lays it out: writes it full of zeros and
 * forces it, so that its blocks exist on the device and its pages sit in the page cache.
 *
 * <p>Why lay out: an fdatasync of bytes written into a sparse file must also allocate their
 * blocks and commit that to the file system's journal, which roughly halves the rate of small
 * synchronous flushes on ext4; and a write into a page that is not cached yet costs the writer a
 * page allocation. A laid-out segment also cannot run out of disk space while it is written.
 *
 * <p>Owns one thread. The only shared state is the prepared segment, guarded by this object's
 * monitor. Zeros are written one chunk at a time under the monitor, and only while the segment is
 * still the prepared one: once the writer has {@linkplain #take taken} it, no zero is ever written
 * into it again, so a taken segment is never overwritten however early the writer needs it.
 */
public final class SegmentPreparer implements Runnable {

    private static final System.Logger LOG = System.getLogger(SegmentPreparer.class.getName());
    private static final long IDLE_NANOS = 10_000_000L;
    private static final int DEFAULT_CHUNK = 256 * 1024;
    /** Zeros written between two forces while laying out, so the device never holds a backlog of one whole segment. */
    private static final int FORCE_EVERY = 8 * 1024 * 1024;

    private final CommitLog commitLog;
    private final boolean preallocate;
    private final int chunk;
    private MappedFile prepared;
    private volatile long laidOutSegments;
    private volatile boolean running;
    private final ServiceThread thread = new ServiceThread();
    private volatile RuntimeException lastFailure;

    /**
     * @param preallocate whether to lay out each prepared segment (zeros, then force)
     */
    public SegmentPreparer(CommitLog commitLog, boolean preallocate) {
        this(commitLog, preallocate, DEFAULT_CHUNK);
    }

    SegmentPreparer(CommitLog commitLog, boolean preallocate, int chunk) {
        this.commitLog = commitLog;
        this.preallocate = preallocate;
        this.chunk = chunk;
    }

    public void start(String threadName) {
        running = true;
        thread.start(threadName, this);
    }

    @Override
    public void run() {
        ByteBuffer zeros = preallocate ? ByteBuffer.allocateDirect(chunk) : null;
        while (running) {
            try {
                MappedFile created = prepareNext();
                if (created != null && zeros != null) {
                    layOut(created, zeros);
                }
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e; // reported by take() if the writer needs the segment; retried here
            }
            LockSupport.parkNanos(this, IDLE_NANOS);
        }
    }

    /** The failure of the last preparation attempt, if it failed (e.g. the disk is full). */
    public RuntimeException lastFailure() {
        return lastFailure;
    }

    /** How many segments this preparer has laid out completely (zeros written and forced). */
    long laidOutSegments() {
        return laidOutSegments;
    }

    /** Creates the segment after the last one if none is prepared; returns it, or null if nothing was created. */
    private synchronized MappedFile prepareNext() {
        if (prepared != null) {
            return null;
        }
        MappedFile last = commitLog.lastSegment();
        if (last == null) {
            return null;
        }
        long next = last.startOffset() + last.size();
        prepared = MappedFile.create(commitLog.segmentPath(next), next, commitLog.segmentSize());
        return prepared;
    }

    /**
     * Writes zeros over the whole of {@code file} while it is still the prepared segment, forcing
     * every {@link #FORCE_EVERY} bytes and at the end. A failure (a full disk, say) leaves the
     * file sparse beyond what was written, which is still a valid, empty segment: it is logged and
     * the writer uses the file as it is.
     */
    private void layOut(MappedFile file, ByteBuffer zeros) {
        int size = file.size();
        int sinceForce = 0;
        try {
            for (int at = 0; at < size; at += chunk) {
                synchronized (this) {
                    if (prepared != file || !running) {
                        return; // taken by the writer (or stopping): never write into it again
                    }
                    zeros.clear().limit(Math.min(chunk, size - at));
                    file.write(zeros, at);
                }
                sinceForce += chunk;
                if (sinceForce >= FORCE_EVERY) {
                    file.forceData();
                    sinceForce = 0;
                }
            }
            file.forceData();
            laidOutSegments++;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not lay out " + file + "; it stays sparse beyond what was written: " + e);
        }
    }

    /**
     * The segment starting at {@code startOffset}: the prepared one if it matches (laid out or
     * not), else a new one created now. Called by the writer only.
     */
    public synchronized MappedFile take(long startOffset) {
        MappedFile file = prepared;
        prepared = null;
        if (file != null && file.startOffset() == startOffset) {
            thread.wake();
            return file;
        }
        if (file != null) {
            file.destroy();
        }
        return MappedFile.create(commitLog.segmentPath(startOffset), startOffset, commitLog.segmentSize());
    }

    /** Stops the thread and deletes an unused prepared segment. */
    public void stop() {
        running = false;
        thread.stopAndJoin();
        synchronized (this) {
            if (prepared != null) {
                prepared.destroy();
                prepared = null;
            }
        }
    }
}
