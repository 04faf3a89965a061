package dev.mq.server.broker.stats;

/**
 * What a counter counted over a stretch of time, as Apache's BrokerStatsItem reports it.
 *
 * @param sum   the amount counted (messages or bytes)
 * @param tps   {@code sum} per second
 * @param avgpt the average amount per counted call (messages per send or pull, bytes per pull)
 */
public record Window(long sum, double tps, double avgpt) {

    /** Nothing counted. */
    public static final Window EMPTY = new Window(0, 0.0, 0.0);

    /** The window from a start (time, amount, calls) to an end. */
    static Window between(long startTime, long startAmount, long startCalls, long endTime, long endAmount,
                          long endCalls) {
        long sum = endAmount - startAmount;
        long calls = endCalls - startCalls;
        long millis = endTime - startTime;
        return new Window(sum, millis > 0 ? sum * 1000.0 / millis : 0.0, calls > 0 ? (double) sum / calls : 0.0);
    }
}
