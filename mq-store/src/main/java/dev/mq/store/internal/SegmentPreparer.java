package dev.mq.store.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the commit-log writer off the file-creation and page-fault paths: creates the next
 * segment before it is needed and faults in pages a little ahead of the write position.
 *
 * <p>Owns one thread. The only shared state is the prepared segment, handed over under this
 * object's monitor in {@link #take(long)}.
 */
public final class SegmentPreparer implements Runnable {

    /** How far ahead of the write position pages are faulted in. */
    static final int TOUCH_AHEAD_BYTES = 32 * 1024 * 1024;
    private static final long IDLE_NANOS = 2_000_000L;

    private final CommitLog commitLog;
    private final boolean pretouch;
    private MappedFile prepared;
    private long touchedUpTo;
    private volatile boolean running;
    private Thread thread;
    private volatile RuntimeException lastFailure;

    public SegmentPreparer(CommitLog commitLog, boolean pretouch) {
        this.commitLog = commitLog;
        this.pretouch = pretouch;
    }

    public void start(String threadName) {
        running = true;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            try {
                touchAhead();
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

    private void touchAhead() {
        if (!pretouch) {
            return;
        }
        long position = commitLog.committedPosition();
        MappedFile active = commitLog.segmentFor(position);
        if (active == null || !active.retain()) {
            return;
        }
        try {
            long end = Math.min(position + TOUCH_AHEAD_BYTES, active.startOffset() + active.size());
            long from = Math.max(touchedUpTo, position);
            if (from < end) {
                active.touchPages((int) (from - active.startOffset()), (int) (end - active.startOffset()));
                touchedUpTo = end;
            }
        } finally {
            active.release();
        }
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
        MappedFile file = MappedFile.create(commitLog.segmentPath(next), next, commitLog.segmentSize());
        if (pretouch) {
            file.touchPages(0, Math.min(TOUCH_AHEAD_BYTES, file.size()));
        }
        prepared = file;
    }

    /**
     * The segment starting at {@code startOffset}: the prepared one if it matches, else a new one
     * created now. Called by the writer only.
     */
    public synchronized MappedFile take(long startOffset) {
        MappedFile file = prepared;
        prepared = null;
        if (file != null && file.startOffset() == startOffset) {
            LockSupport.unpark(thread);
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
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (prepared != null) {
                prepared.destroy();
                prepared = null;
            }
        }
    }
}
