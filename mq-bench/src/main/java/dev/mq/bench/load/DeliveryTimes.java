package dev.mq.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a consume load's deliveries came (System.nanoTime values): the first one and the latest one,
 * written by the listener threads as cheaply as possible and read by the load's loop, which ends the
 * load once no delivery came for the idle timeout.
 *
 * <p>A load is idle only once a latest delivery is known, and the listener writes the latest time
 * before the first: the loop can never see a first delivery without a latest one. (It once could:
 * with the first written first, a loop that looked in between took the latest as 0, an idle time as
 * long as the clock's origin is old, and ended a load that had just begun with the few messages
 * delivered so far, as if the consumer had stalled.) Thread-safe.
 */
final class DeliveryTimes {

    private final AtomicLong first = new AtomicLong();
    private final AtomicLong latest = new AtomicLong();

    /** A delivery at {@code nowNanos}. Called by the listener threads. */
    void delivered(long nowNanos) {
        latest.set(nowNanos);
        if (first.get() == 0) {
            first.compareAndSet(0, nowNanos);
        }
    }

    /** The first delivery's time, or 0 before it. */
    long firstNanos() {
        return first.get();
    }

    /** The latest delivery's time, or 0 before the first. */
    long latestNanos() {
        return latest.get();
    }

    /** Whether deliveries began and none came for longer than {@code idleNanos} before {@code nowNanos}. */
    boolean idle(long nowNanos, long idleNanos) {
        long last = latest.get();
        return last != 0 && nowNanos - last > idleNanos;
    }
}
