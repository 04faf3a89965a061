package dev.mq.client.internal.producer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers brokers to avoid for a while (the official client's {@code sendLatencyFaultEnable}): a
 * broker that failed is avoided for {@link #FAILURE_PAUSE_MILLIS}; one that answered slowly for a
 * time that grows with its latency ({@link #pauseMillis(long)}). A broker that answers quickly is
 * forgiven at once. Thread-safe; the common case (no broker in trouble) costs one map read.
 */
final class FaultTracker {

    /** How long a broker that failed (no connection, no answer, or a retryable refusal) is avoided. */
    static final long FAILURE_PAUSE_MILLIS = 30_000;

    /** Latencies (ms) from which a broker is avoided, and for how long (ms). */
    private static final long[] SLOW_LATENCY = {550, 1_000, 2_000, 3_000};
    private static final long[] SLOW_PAUSE = {5_000, 10_000, 20_000, 30_000};

    private final ConcurrentMap<String, Long> availableAfterNanos = new ConcurrentHashMap<>();

    /** The pause for an answer that took {@code latencyMillis}: 0 below 550 ms. */
    static long pauseMillis(long latencyMillis) {
        for (int i = SLOW_LATENCY.length - 1; i >= 0; i--) {
            if (latencyMillis >= SLOW_LATENCY[i]) {
                return SLOW_PAUSE[i];
            }
        }
        return 0;
    }

    /** A send to {@code broker} was answered after {@code latencyMillis}. */
    void answered(String broker, long latencyMillis, long nowNanos) {
        long pause = pauseMillis(latencyMillis);
        if (pause > 0) {
            availableAfterNanos.put(broker, nowNanos + TimeUnit.MILLISECONDS.toNanos(pause));
        } else if (!availableAfterNanos.isEmpty()) {
            availableAfterNanos.remove(broker);
        }
    }

    /** A send to {@code broker} failed. */
    void failed(String broker, long nowNanos) {
        availableAfterNanos.put(broker, nowNanos + TimeUnit.MILLISECONDS.toNanos(FAILURE_PAUSE_MILLIS));
    }

    /** Whether {@code broker} is not being avoided. */
    boolean isAvailable(String broker, long nowNanos) {
        if (availableAfterNanos.isEmpty()) {
            return true;
        }
        Long after = availableAfterNanos.get(broker);
        return after == null || nowNanos - after >= 0;
    }
}
