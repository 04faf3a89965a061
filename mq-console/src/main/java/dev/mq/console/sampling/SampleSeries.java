package dev.mq.console.sampling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One figure sampled over time (a group's backlog, a topic's stored messages), kept in a fixed ring:
 * when full, the oldest sample is overwritten. An unknown value is kept as unknown, never as a number.
 * Thread-safe.
 */
public final class SampleSeries {

    private final long[] times;
    private final long[] values;
    private final boolean[] known;
    private int next;
    private int size;

    /** A series that keeps at most {@code capacity} samples. */
    public SampleSeries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a series keeps at least 1 sample, got " + capacity);
        }
        this.times = new long[capacity];
        this.values = new long[capacity];
        this.known = new boolean[capacity];
    }

    /** Adds a sample; {@code value} null means unknown at that time. */
    public synchronized void add(Instant at, Long value) {
        times[next] = at.toEpochMilli();
        values[next] = value == null ? 0 : value;
        known[next] = value != null;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The samples taken at or after {@code since}, oldest first. */
    public synchronized List<Sample> since(Instant since) {
        long from = since.toEpochMilli();
        List<Sample> samples = new ArrayList<>(size);
        int start = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int at = (start + i) % times.length;
            if (times[at] >= from) {
                samples.add(new Sample(Instant.ofEpochMilli(times[at]), known[at] ? values[at] : null));
            }
        }
        return samples;
    }

    /** The newest sample, or null when none was taken. */
    public synchronized Sample latest() {
        if (size == 0) {
            return null;
        }
        int at = (next - 1 + times.length) % times.length;
        return new Sample(Instant.ofEpochMilli(times[at]), known[at] ? values[at] : null);
    }

    /** Samples held now. */
    public synchronized int size() {
        return size;
    }

    /**
     * One sample.
     *
     * @param at    when it was taken
     * @param value the figure, or null when it could not be told then
     */
    public record Sample(Instant at, Long value) {
    }
}
