package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;

/**
 * The header of GET_CONSUMER_RUNNING_INFO (307): sent by an admin to the broker, which relays it
 * unchanged to the consumer named by {@code clientId} ({@code remoting-protocol.md} sections 2.1 and
 * 3.10). The consumer answers a ConsumerRunningInfo body.
 *
 * @param consumerGroup {@code consumerGroup}, R: the group
 * @param clientId      {@code clientId}, R: the consumer's client id
 * @param jstackEnable  {@code jstackEnable}, o: whether the consumer adds its thread dump
 */
public record GetConsumerRunningInfoHeader(String consumerGroup, String clientId, Boolean jstackEnable)
        implements CommandHeader {

    private static final String CLIENT_ID = "clientId";
    private static final String JSTACK_ENABLE = "jstackEnable";

    /** Reads the header of a GET_CONSUMER_RUNNING_INFO request. */
    public static GetConsumerRunningInfoHeader read(RemotingCommand request) {
        return new GetConsumerRunningInfoHeader(request.requireExt(CONSUMER_GROUP), request.requireExt(CLIENT_ID),
                request.extBoolean(JSTACK_ENABLE));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup).putExt(CLIENT_ID, clientId).putExt(JSTACK_ENABLE, jstackEnable);
    }
}
