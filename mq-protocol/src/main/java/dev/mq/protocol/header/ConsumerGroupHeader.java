package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;

/**
 * The header naming one consumer group, of GET_CONSUMER_LIST_BY_GROUP (38), NOTIFY_CONSUMER_IDS_CHANGED
 * (40, broker to client, oneway) and GET_CONSUMER_CONNECTION_LIST (203)
 * ({@code remoting-protocol.md} sections 2.1 and 3.5). None of their answers has a header.
 *
 * @param consumerGroup {@code consumerGroup}, R: the group
 */
public record ConsumerGroupHeader(String consumerGroup) implements CommandHeader {

    /**
     * Reads the header of a GET_CONSUMER_LIST_BY_GROUP, NOTIFY_CONSUMER_IDS_CHANGED or
     * GET_CONSUMER_CONNECTION_LIST request.
     */
    public static ConsumerGroupHeader read(RemotingCommand request) {
        return new ConsumerGroupHeader(request.requireExt(CONSUMER_GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup);
    }
}
