package dev.mq.server.broker.stats;

/**
 * The broker's message rates over the last 10 seconds, minute and 10 minutes, as Apache's runtime
 * info reports them ({@code putTps}, {@code getTransferredTps}, ...): running totals sampled every
 * second, 601 samples kept. Thread-safe.
 */
final class BrokerRates {

    /** The columns of a sample. */
    enum Total { PUT, TRANSFERRED, PULLS_FOUND, PULLS_MISSED }

    /** The windows reported, in seconds: Apache's "10s 60s 600s". */
    static final int[] WINDOW_SECONDS = {10, 60, 600};

    private final SampleRing ring = new SampleRing(602, Total.values().length);
    private final long bootedAt;

    BrokerRates(long bootedAt) {
        this.bootedAt = bootedAt;
    }

    synchronized void sample(long now, long[] totals) {
        ring.add(now, totals);
    }

    /** Per second, over each of {@link #WINDOW_SECONDS}, of the sum of {@code columns} whose live totals are {@code now}. */
    synchronized double[] perSecond(long time, long[] live, Total... columns) {
        double[] rates = new double[WINDOW_SECONDS.length];
        long[] start = new long[1 + Total.values().length];
        for (int w = 0; w < WINDOW_SECONDS.length; w++) {
            ring.windowStart(time - WINDOW_SECONDS[w] * 1000L, bootedAt, start);
            long sum = 0;
            for (Total column : columns) {
                sum += live[column.ordinal()] - start[1 + column.ordinal()];
            }
            long millis = time - start[0];
            rates[w] = millis > 0 ? sum * 1000.0 / millis : 0.0;
        }
        return rates;
    }
}
