package dev.mq.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends evenly at a total rate shared by all threads: each call takes the next slot and
 * waits until its time. A sender that falls behind sends at once until it has caught up, so the
 * offered rate stays the target (an open-loop schedule).
 */
final class Pacer {

    private final long intervalNanos;
    private final AtomicLong nextSlot;

    Pacer(double ratePerSecond, long startNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond));
        this.nextSlot = new AtomicLong(startNanos);
    }

    /** Waits for the caller's slot; returns early (false) if {@code control} stops meanwhile. */
    boolean await(RunControl control) {
        long slot = nextSlot.getAndAdd(intervalNanos);
        while (true) {
            long wait = slot - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            if (control.stopped()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }
}
