package dev.mq.client.internal.consumer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one queue's pull loop is, for the {@link Puller}'s watchdog: a queue that is assigned and
 * not dropped must always have exactly one of a pull task scheduled, a pull in flight, a park
 * (waiting for room or a resume), or a restart handed to the control thread. {@link Phase#IDLE}
 * means none of them: the queue would never be pulled again.
 *
 * <p>The pull in flight carries a number; its answer counts only if that number is still the one in
 * flight, so the watchdog can give up on an answer that never came and pull again without ever
 * having two answers of one queue handled. Thread-safe.
 */
final class PullState {

    /** What the queue is waiting for. */
    enum Phase {
        /** Nothing: no pull will happen unless someone starts one (a stall, or not started yet). */
        IDLE,
        /** A pull task is queued or delayed on the pull thread, or running. */
        SCHEDULED,
        /** A pull was sent; its answer is awaited. */
        IN_FLIGHT,
        /** Parked until consumption makes room or the consumer resumes. */
        PARKED,
        /** The queue is being restarted at another offset by the control thread (it gets a fresh state). */
        RESTARTING
    }

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile Phase phase = Phase.IDLE;
    private volatile long sinceMillis;

    Phase phase() {
        return phase;
    }

    /** When the current phase began, in the puller's clock's milliseconds. */
    long sinceMillis() {
        return sinceMillis;
    }

    void enter(Phase phase, long nowMillis) {
        this.sinceMillis = nowMillis;
        this.phase = phase;
    }

    /** How many pulls were sent so far. */
    long sent() {
        return sequence.get();
    }

    /** A pull is being sent: returns its number (never 0). */
    long send(long nowMillis) {
        long number = sequence.incrementAndGet();
        inFlight.set(number);
        enter(Phase.IN_FLIGHT, nowMillis);
        return number;
    }

    /** The answer of pull {@code number} arrived: true if it still counts (it was not given up on). */
    boolean answered(long number) {
        return inFlight.compareAndSet(number, 0);
    }

    /** The watchdog gives up on the pull in flight (its answer will be ignored): true if there was one. */
    boolean abandon() {
        long number = inFlight.get();
        return number != 0 && inFlight.compareAndSet(number, 0);
    }

    /** Whether the watchdog warned about this queue already (true the first time it asks). */
    boolean firstWarning() {
        return warned.compareAndSet(false, true);
    }
}
