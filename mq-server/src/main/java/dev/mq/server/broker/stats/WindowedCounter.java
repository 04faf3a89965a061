package dev.mq.server.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * A running total (messages or bytes) and the number of calls that added to it, with what was
 * counted in the last minute, hour and day. Adding is lock-free ({@link LongAdder}s); the sampler
 * records the totals every 10 seconds, 10 minutes and hour ({@link Span}), and a window is the live
 * total now minus the total at the sample that starts it. Before it was created the counter counted
 * nothing, so a young counter's window is exact.
 */
public final class WindowedCounter {

    private final LongAdder amount = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final long createdAt;
    private final SampleRing[] rings = new SampleRing[Span.values().length];

    /** @param createdAt when counting began (epoch millis); everything before counted 0 */
    WindowedCounter(long createdAt) {
        this.createdAt = createdAt;
        for (Span span : Span.values()) {
            rings[span.ordinal()] = new SampleRing(span.samplesKept(), 2);
        }
    }

    /** Counts one call that added {@code value}. */
    void add(long value) {
        amount.add(value);
        calls.increment();
    }

    /** Everything counted since creation. */
    public long total() {
        return amount.sum();
    }

    /** Takes a sample for each span that is due. */
    synchronized void sample(long now, boolean[] due) {
        long total = amount.sum();
        long count = calls.sum();
        for (Span span : Span.values()) {
            if (due[span.ordinal()]) {
                rings[span.ordinal()].add(now, total, count);
            }
        }
    }

    /** What was counted in the last {@code span} up to {@code now}. */
    public synchronized Window window(Span span, long now) {
        long endAmount = amount.sum();
        long endCalls = calls.sum();
        long[] start = new long[3];
        rings[span.ordinal()].windowStart(now - span.millis(), createdAt, start);
        return Window.between(start[0], start[1], start[2], now, endAmount, endCalls);
    }
}
