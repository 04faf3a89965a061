package dev.mq.bench.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The outcome of a load run (the warm-up excluded).
 *
 * @param command    what ran
 * @param client     the client library it ran on
 * @param mode       send mode (produce, e2e)
 * @param threads    producer or consumer threads
 * @param size       body size in bytes
 * @param topic      topic
 * @param messages   messages sent successfully (produce) or received (consume, e2e)
 * @param errors     failed sends (or, for e2e, messages sent but never received)
 * @param errorKinds failures by kind (exception class or send status), at most a few dozen kinds
 * @param seconds    measured time
 * @param latency    send latency (produce), consume minus send time (e2e), none (consume)
 * @param extra      command-specific figures, e.g. {@code sent} for e2e, {@code firstMessageSeconds} for
 *                   consume, and the CPU figures of {@link CpuWindow}
 */
public record LoadResult(Command command, ClientKind client, SendMode mode, int threads, int size, String topic, long messages,
                         long errors, Map<String, Long> errorKinds, double seconds, LatencySummary latency,
                         Map<String, Double> extra) {

    public LoadResult {
        errorKinds = Map.copyOf(errorKinds);
        extra = Map.copyOf(extra);
    }

    /** A copy with another message count. */
    public LoadResult withMessages(long count) {
        return new LoadResult(command, client, mode, threads, size, topic, count, errors, errorKinds, seconds, latency,
                extra);
    }

    /** A copy with one more extra figure. */
    public LoadResult withExtra(String name, double value) {
        return withExtras(Map.of(name, value));
    }

    /** A copy with more extra figures (replacing any of the same name). */
    public LoadResult withExtras(Map<String, Double> figures) {
        Map<String, Double> more = new HashMap<>(extra);
        more.putAll(figures);
        return new LoadResult(command, client, mode, threads, size, topic, messages, errors, errorKinds, seconds, latency,
                more);
    }

    /** Messages per second over the measured time (0 if no time was measured). */
    public double throughput() {
        return seconds > 0 ? messages / seconds : 0;
    }

    /** Body mebibytes per second. */
    public double mebibytesPerSecond() {
        return throughput() * size / (1024.0 * 1024.0);
    }
}
