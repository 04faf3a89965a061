package dev.mq.client.admin;

/**
 * A broker's statistic for one key (VIEW_BROKER_STATS_DATA) over the last minute, hour and day,
 * e.g. {@code TOPIC_PUT_NUMS} of a topic, or {@code GROUP_GET_NUMS} of {@code topic@group}.
 *
 * @param brokerName the broker asked
 * @param statsName  the statistic
 * @param statsKey   its key
 * @param minute     the last minute
 * @param hour       the last hour
 * @param day        the last day
 */
public record BrokerStatsSnapshot(String brokerName, String statsName, String statsKey, Window minute, Window hour,
                                  Window day) {

    /** Messages stored per topic (key: topic). */
    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    /** Bytes stored per topic (key: topic). */
    public static final String TOPIC_PUT_SIZE = "TOPIC_PUT_SIZE";
    /** Messages delivered per group (key: {@code topic@group}). */
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    /** Bytes delivered per group (key: {@code topic@group}). */
    public static final String GROUP_GET_SIZE = "GROUP_GET_SIZE";

    /**
     * One time window.
     *
     * @param sum   the count over the window
     * @param tps   the rate per second
     * @param avgpt the mean value per time unit, as the broker computes it
     */
    public record Window(long sum, double tps, double avgpt) {
    }
}
