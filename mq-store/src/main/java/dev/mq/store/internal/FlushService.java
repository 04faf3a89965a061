package dev.mq.store.internal;

import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces written commit-log bytes to the device. Owns one thread.
 *
 * <ul>
 *   <li>{@link FlushMode#ASYNC}: every {@code interval}, flushes when at least {@code minPages}
 *       pages are dirty, and flushes whatever is dirty at least every {@code thoroughInterval}.</li>
 *   <li>{@link FlushMode#SYNC}: group commit. The writer hands over each written append with its
 *       end offset ({@link #awaitFlush}); one force covers everything written so far, then every
 *       append it covers completes. An append waiting longer than {@code syncTimeout} completes
 *       with {@link AppendStatus#FLUSH_DISK_TIMEOUT} ({@link #expireOverdue}).</li>
 * </ul>
 */
public final class FlushService implements Runnable {

    private static final int PAGE = 4096;

    /** Forces a range of the log; a seam so tests can make the device slow. */
    @FunctionalInterface
    public interface Forcer {
        void force(long from, long to);
    }

    private record PendingFlush(long end, long deadlineNanos, AppendResult result,
                                CompletableFuture<AppendResult> future) {
    }

    private final CommitLog commitLog;
    private final Forcer forcer;
    private final FlushMode mode;
    private final long intervalNanos;
    private final int minPages;
    private final long thoroughIntervalNanos;
    private final long syncTimeoutNanos;
    private final ConcurrentLinkedQueue<PendingFlush> pending = new ConcurrentLinkedQueue<>();
    private volatile long flushedPosition;
    private volatile boolean running;
    private volatile boolean waiting;
    private volatile Throwable failure;
    private Thread thread;

    public FlushService(CommitLog commitLog, Forcer forcer, FlushMode mode, Duration interval, int minPages,
                        Duration thoroughInterval, Duration syncTimeout) {
        this.commitLog = commitLog;
        this.forcer = forcer;
        this.mode = mode;
        this.intervalNanos = interval.toNanos();
        this.minPages = minPages;
        this.thoroughIntervalNanos = thoroughInterval.toNanos();
        this.syncTimeoutNanos = syncTimeout.toNanos();
    }

    /** Starts flushing; everything below {@code flushedUpTo} is already durable. */
    public void start(long flushedUpTo, String threadName) {
        flushedPosition = flushedUpTo;
        running = true;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Everything below this offset has been forced to the device. */
    public long flushedPosition() {
        return flushedPosition;
    }

    /** The failure that stopped flushing, or null. */
    public Throwable failure() {
        return failure;
    }

    /** SYNC mode: complete {@code future} with {@code result} once the log is flushed up to {@code end}. */
    public void awaitFlush(long end, AppendResult result, CompletableFuture<AppendResult> future, long nowNanos) {
        pending.add(new PendingFlush(end, nowNanos + syncTimeoutNanos, result, future));
        if (waiting) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Completes appends whose flush is overdue with {@link AppendStatus#FLUSH_DISK_TIMEOUT}. Safe
     * to call from any thread; the writer calls it between appends.
     */
    public void expireOverdue(long nowNanos) {
        PendingFlush head = pending.peek();
        if (head == null || head.deadlineNanos - nowNanos > 0) {
            return;
        }
        for (PendingFlush p : pending) {
            if (p.deadlineNanos - nowNanos > 0) {
                break;
            }
            p.future.complete(p.result.withStatus(AppendStatus.FLUSH_DISK_TIMEOUT));
        }
    }

    @Override
    public void run() {
        long lastThorough = System.nanoTime();
        while (running) {
            try {
                if (mode == FlushMode.SYNC) {
                    groupCommit();
                } else {
                    LockSupport.parkNanos(this, intervalNanos);
                    long now = System.nanoTime();
                    boolean thorough = now - lastThorough >= thoroughIntervalNanos;
                    long dirty = commitLog.committedPosition() - flushedPosition;
                    if (dirty > 0 && (thorough || dirty / PAGE >= minPages)) {
                        flushTo(commitLog.committedPosition());
                    }
                    if (thorough) {
                        lastThorough = now;
                    }
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                running = false;
                failPending(e);
                throw e;
            }
        }
    }

    private void groupCommit() {
        if (pending.isEmpty()) {
            waiting = true;
            if (pending.isEmpty() && running) {
                LockSupport.parkNanos(this, intervalNanos);
            }
            waiting = false;
            return;
        }
        flushTo(commitLog.committedPosition());
        completeFlushed();
    }

    private void flushTo(long target) {
        long from = flushedPosition;
        if (target > from) {
            forcer.force(from, target);
            flushedPosition = target;
        }
    }

    private void completeFlushed() {
        long flushed = flushedPosition;
        PendingFlush p;
        while ((p = pending.peek()) != null && p.end <= flushed) {
            pending.poll();
            p.future.complete(p.result);
        }
    }

    private void failPending(Throwable e) {
        PendingFlush p;
        while ((p = pending.poll()) != null) {
            p.future.complete(p.result.withStatus(AppendStatus.FLUSH_DISK_TIMEOUT));
        }
    }

    /** Stops the thread after a final flush of everything written. */
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
        if (failure == null) {
            flushTo(commitLog.committedPosition());
            completeFlushed();
        }
    }
}
