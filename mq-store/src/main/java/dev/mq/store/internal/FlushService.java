package dev.mq.store.internal;

import dev.mq.lifecycle.ServiceThread;
import dev.mq.store.FlushMode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces written commit-log bytes to the device and publishes how far it got. Owns one thread.
 *
 * <ul>
 *   <li>{@link FlushMode#ASYNC}: every {@code interval}, flushes when at least {@code minPages}
 *       pages are dirty, and flushes whatever is dirty at least every {@code thoroughInterval}.</li>
 *   <li>{@link FlushMode#SYNC}: forces back to back whenever the log has grown, so one force
 *       covers everything written while the previous one ran (group commit). It only publishes
 *       {@link #flushedPosition()} and wakes the writer, which acknowledges the appends that are
 *       now durable: waking waiting producers never delays the next force.</li>
 * </ul>
 */
public final class FlushService implements Runnable {

    private static final int PAGE = MappedFile.PAGE;

    /** Forces a range of the log; a seam so tests can make the device slow. */
    @FunctionalInterface
    public interface Forcer {
        void force(long from, long to);
    }

    private final CommitLog commitLog;
    private final Forcer forcer;
    private final FlushMode mode;
    private final long intervalNanos;
    private final int minPages;
    private final long thoroughIntervalNanos;
    private final AtomicLong flushedPosition = new AtomicLong();
    private volatile Runnable onFlushed = () -> { };
    private volatile boolean running;
    private volatile boolean waiting;
    private volatile Throwable failure;
    private final ServiceThread thread = new ServiceThread();

    public FlushService(CommitLog commitLog, Forcer forcer, FlushMode mode, Duration interval, int minPages,
                        Duration thoroughInterval) {
        this.commitLog = commitLog;
        this.forcer = forcer;
        this.mode = mode;
        this.intervalNanos = interval.toNanos();
        this.minPages = minPages;
        this.thoroughIntervalNanos = thoroughInterval.toNanos();
    }

    /** Called on the flush thread after each force (the writer uses it to acknowledge appends). */
    public void onFlushed(Runnable listener) {
        this.onFlushed = listener;
    }

    /** Starts flushing; everything below {@code flushedUpTo} is already durable. */
    public void start(long flushedUpTo, String threadName) {
        flushedPosition.set(flushedUpTo);
        running = true;
        thread.start(threadName, this);
    }

    /** Everything below this offset has been forced to the device. */
    public long flushedPosition() {
        return flushedPosition.get();
    }

    /** The failure that stopped flushing, or null. */
    public Throwable failure() {
        return failure;
    }

    /** SYNC mode: the writer published new bytes; start forcing if idle. */
    public void wake() {
        if (waiting) {
            thread.wake();
        }
    }

    @Override
    public void run() {
        try {
            if (mode == FlushMode.SYNC) {
                runGroupCommit();
            } else {
                runInterval();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            running = false;
            onFlushed.run();
            throw e;
        }
    }

    private void runGroupCommit() {
        IdleStrategy idle = new IdleStrategy(intervalNanos);
        while (running) {
            if (flushTo(commitLog.committedPosition())) {
                onFlushed.run();
                idle.reset();
            } else if (idle.willPark()) {
                waiting = true;
                if (commitLog.committedPosition() <= flushedPosition.get() && running) {
                    idle.idle(this);
                }
                waiting = false;
            } else {
                idle.idle(this);
            }
        }
    }

    private void runInterval() {
        long lastThorough = System.nanoTime();
        while (running) {
            LockSupport.parkNanos(this, intervalNanos);
            long now = System.nanoTime();
            boolean thorough = now - lastThorough >= thoroughIntervalNanos;
            long dirty = commitLog.committedPosition() - flushedPosition.get();
            if (dirty > 0 && (thorough || dirty / PAGE >= minPages)) {
                flushTo(commitLog.committedPosition());
            }
            if (thorough) {
                lastThorough = now;
            }
        }
    }

    /** Forces up to {@code target}; returns whether anything was forced. Safe from any thread. */
    public boolean flushTo(long target) {
        long from = flushedPosition.get();
        if (target <= from) {
            return false;
        }
        forcer.force(from, target);
        flushedPosition.accumulateAndGet(target, Math::max);
        return true;
    }

    /** Stops the thread, then forces everything written. */
    public void stop() {
        running = false;
        thread.stopAndJoin();
        if (failure == null) {
            flushTo(commitLog.committedPosition());
        }
    }
}
