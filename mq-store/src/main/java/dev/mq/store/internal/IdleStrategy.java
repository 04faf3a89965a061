package dev.mq.store.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * How a single-threaded service waits for work: spin briefly, then yield, then park. Spinning
 * and yielding keep hand-offs between threads cheap under load (no futex wake-up per message);
 * parking keeps an idle store from burning CPU. Not thread-safe: one per thread.
 */
final class IdleStrategy {

    private static final int SPINS = 200;
    private static final int YIELDS = 8;

    private final long parkNanos;
    private int idleCount;

    IdleStrategy(long parkNanos) {
        this.parkNanos = parkNanos;
    }

    /** Work was done: start the next wait with spinning again. */
    void reset() {
        idleCount = 0;
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
        }
    }
}
