package dev.mq.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and a latency histogram shared by the threads of one run. Any thread records; one
 * reporting thread at a time takes {@link #progress progress samples} and the {@link #result}.
 * Times are passed in as {@link System#nanoTime()} values so that tests control them.
 */
public final class LoadStats {

    /** Latencies above one hour are clamped. */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int MAX_ERROR_KINDS = 32;
    private static final String OTHER_ERRORS = "(other)";

    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final LongAdder messages = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    // owned by the reporting thread (guarded by this)
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private Histogram interval;
    private long startNanos;
    private long lastSampleNanos;
    private long lastSampleMessages;

    public LoadStats(long startNanos) {
        this.startNanos = startNanos;
        this.lastSampleNanos = startNanos;
    }

    /** Counts {@code count} successful messages and records one latency for them. */
    public void success(int count, long latencyNanos) {
        messages.add(count);
        latency(latencyNanos);
    }

    /** Counts successful messages without a latency (a consumer draining a backlog). */
    public void messages(int count) {
        messages.add(count);
    }

    /** Records a latency without counting a message. */
    public void latency(long latencyNanos) {
        long micros = Math.max(0, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        recorder.recordValue(micros);
    }

    /** Counts {@code count} failed messages of one kind (exception class or status). */
    public void error(int count, String kind) {
        errors.add(count);
        LongAdder adder = errorKinds.get(kind);
        if (adder == null) {
            String key = errorKinds.size() < MAX_ERROR_KINDS ? kind : OTHER_ERRORS;
            adder = errorKinds.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.add(count);
    }

    /** Successful messages so far. */
    public long messageCount() {
        return messages.sum();
    }

    /** Failed messages so far. */
    public long errorCount() {
        return errors.sum();
    }

    /** Forgets everything recorded so far (the end of the warm-up); the measurement starts at {@code nowNanos}. */
    public synchronized void restart(long nowNanos) {
        recorder.reset();
        total.reset();
        messages.reset();
        errors.reset();
        errorKinds.clear();
        startNanos = nowNanos;
        lastSampleNanos = nowNanos;
        lastSampleMessages = 0;
    }

    /** The figures since the previous sample (or the start) and the totals, for a progress line. */
    public synchronized Progress progress(long nowNanos) {
        Histogram latest = drain();
        long count = messages.sum();
        double intervalSeconds = Math.max(1e-9, (nowNanos - lastSampleNanos) / 1e9);
        Progress progress = new Progress((nowNanos - startNanos) / 1e9, count,
                (count - lastSampleMessages) / intervalSeconds, errors.sum(), LatencySummary.ofMicros(latest));
        lastSampleNanos = nowNanos;
        lastSampleMessages = count;
        return progress;
    }

    /** The whole run from the (re)start to {@code endNanos}. */
    public synchronized LoadResult result(LoadOptions options, long endNanos, Map<String, Double> extra) {
        drain();
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((kind, adder) -> kinds.put(kind, adder.sum()));
        return new LoadResult(options.command(), options.client(), options.mode(), options.threads(), options.size(), options.topic(),
                messages.sum(), errors.sum(), kinds, Math.max(0, endNanos - startNanos) / 1e9,
                LatencySummary.ofMicros(total), extra);
    }

    private Histogram drain() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /**
     * One progress sample.
     *
     * @param elapsedSeconds  since the (re)start
     * @param messages        total successful messages
     * @param intervalRate    messages per second since the previous sample
     * @param errors          total failures
     * @param intervalLatency latencies recorded since the previous sample
     */
    public record Progress(double elapsedSeconds, long messages, double intervalRate, long errors,
                           LatencySummary intervalLatency) {
    }
}
