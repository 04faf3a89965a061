package dev.mq.server.broker.stats;

/**
 * The stretches of time statistics are kept for, as in Apache RocketMQ: the last minute (sampled
 * every 10 seconds), the last hour (every 10 minutes) and the last day (every hour).
 */
public enum Span {

    MINUTE(60_000L, 10_000L),
    HOUR(3_600_000L, 600_000L),
    DAY(86_400_000L, 3_600_000L);

    private final long millis;
    private final long sampleEveryMillis;

    Span(long millis, long sampleEveryMillis) {
        this.millis = millis;
        this.sampleEveryMillis = sampleEveryMillis;
    }

    /** The length of the span. */
    public long millis() {
        return millis;
    }

    /** How often its samples are taken. */
    long sampleEveryMillis() {
        return sampleEveryMillis;
    }

    /** Samples kept: enough that one is always at least a whole span old (plus one sample step of slack). */
    int samplesKept() {
        return (int) (millis / sampleEveryMillis) + 2;
    }
}
