package dev.mq.store.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * How a single-threaded service waits for work: spin briefly, then yield, then park. Spinning
 * and yielding keep hand-offs between threads cheap under load (no futex wake-up per message);
 * parking keeps an idle store from burning CPU. A thread that is always woken when work arrives
 * parks only as a safety net: each park of an idle spell may then last twice as long as the one
 * before, up to a bound, so an idle thread wakes tens of times a second instead of a thousand.
 * Not thread-safe: one per thread.
 */
final class IdleStrategy {

    private static final int SPINS = 200;
    private static final int YIELDS = 8;

    private final long firstParkNanos;
    private final long maxParkNanos;
    private long parkNanos;
    private int idleCount;

    /** Parks for {@code parkNanos} each time. */
    IdleStrategy(long parkNanos) {
        this(parkNanos, parkNanos);
    }

    /** Parks for {@code firstParkNanos}, then twice as long each time up to {@code maxParkNanos}, until work is done. */
    IdleStrategy(long firstParkNanos, long maxParkNanos) {
        if (firstParkNanos <= 0 || maxParkNanos < firstParkNanos) {
            throw new IllegalArgumentException("park times must be positive and the first at most the longest: "
                    + firstParkNanos + ", " + maxParkNanos);
        }
        this.firstParkNanos = firstParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parkNanos = firstParkNanos;
    }

    /** Work was done: start the next wait with spinning again, and with the shortest park. */
    void reset() {
        idleCount = 0;
        parkNanos = firstParkNanos;
    }

    /** How long the next park lasts at most. */
    long nextParkNanos() {
        return parkNanos;
    }

    /** Whether the next {@link #idle} would park (so the caller should announce it is waiting). */
    boolean willPark() {
        return idleCount >= SPINS + YIELDS;
    }

    /** Waits a little; {@code blocker} is reported in thread dumps when parked. */
    void idle(Object blocker) {
        if (idleCount < SPINS) {
            idleCount++;
            Thread.onSpinWait();
        } else if (idleCount < SPINS + YIELDS) {
            idleCount++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(blocker, parkNanos);
            parkNanos = Math.min(maxParkNanos, parkNanos * 2);
        }
    }
}
