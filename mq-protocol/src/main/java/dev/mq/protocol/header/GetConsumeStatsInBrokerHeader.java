package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of GET_BROKER_CONSUME_STATS (317, admin to broker): the progress of every subscription
 * group of the broker ({@code remoting-protocol.md} section 3.10). The answer is a ConsumeStatsList
 * body.
 *
 * @param order {@code isOrder}, R: only topics configured as ordered
 */
public record GetConsumeStatsInBrokerHeader(boolean order) implements CommandHeader {

    private static final String IS_ORDER = "isOrder";

    /** Reads the header of a GET_BROKER_CONSUME_STATS request. */
    public static GetConsumeStatsInBrokerHeader read(RemotingCommand request) {
        return new GetConsumeStatsInBrokerHeader(Boolean.parseBoolean(request.requireExt(IS_ORDER)));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(IS_ORDER, order);
    }
}
