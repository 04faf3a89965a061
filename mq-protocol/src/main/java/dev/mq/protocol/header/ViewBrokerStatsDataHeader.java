package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of VIEW_BROKER_STATS_DATA (315, admin to broker): one statistic of the broker over the
 * last minute, hour and day ({@code remoting-protocol.md} section 3.10). The answer is a
 * BrokerStatsData body.
 *
 * @param statsName {@code statsName}, R: which statistic, such as {@code TOPIC_PUT_NUMS} or {@code GROUP_GET_NUMS}
 * @param statsKey  {@code statsKey}, R: whose figures: a topic, {@code topic@group}, or the cluster name
 */
public record ViewBrokerStatsDataHeader(String statsName, String statsKey) implements CommandHeader {

    private static final String STATS_NAME = "statsName";
    private static final String STATS_KEY = "statsKey";

    /** Reads the header of a VIEW_BROKER_STATS_DATA request. */
    public static ViewBrokerStatsDataHeader read(RemotingCommand request) {
        return new ViewBrokerStatsDataHeader(request.requireExt(STATS_NAME), request.requireExt(STATS_KEY));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(STATS_NAME, statsName).putExt(STATS_KEY, statsKey);
    }
}
