package dev.mq.store.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the commit-log writer off the file-creation path: creates (and maps) the next segment
 * before it is needed.
 *
 * <p>Owns one thread. The only shared state is the prepared segment, handed over under this
 * object's monitor in {@link #take(long)}.
 */
public final class SegmentPreparer implements Runnable {

    private static final long IDLE_NANOS = 10_000_000L;

    private final CommitLog commitLog;
    private MappedFile prepared;
    private volatile boolean running;
    private final ServiceThread thread = new ServiceThread();
    private volatile RuntimeException lastFailure;

    public SegmentPreparer(CommitLog commitLog) {
        this.commitLog = commitLog;
    }

    public void start(String threadName) {
        running = true;
        thread.start(threadName, this);
    }

    @Override
    public void run() {
        while (running) {
            try {
                prepareNext();
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

    private synchronized void prepareNext() {
        if (prepared != null) {
            return;
        }
        MappedFile last = commitLog.lastSegment();
        if (last == null) {
            return;
        }
        long next = last.startOffset() + last.size();
        prepared = MappedFile.create(commitLog.segmentPath(next), next, commitLog.segmentSize());
    }

    /**
     * The segment starting at {@code startOffset}: the prepared one if it matches, else a new one
     * created now. Called by the writer only.
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
