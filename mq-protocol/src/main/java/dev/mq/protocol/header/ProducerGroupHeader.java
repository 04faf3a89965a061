package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.PRODUCER_GROUP;

/**
 * The header of GET_PRODUCER_CONNECTION_LIST (204, admin to broker): the connections of one producer
 * group ({@code remoting-protocol.md} section 3.10). The answer is a ProducerConnection body.
 *
 * @param producerGroup {@code producerGroup}, R: the group
 */
public record ProducerGroupHeader(String producerGroup) implements CommandHeader {

    /** Reads the header of a GET_PRODUCER_CONNECTION_LIST request. */
    public static ProducerGroupHeader read(RemotingCommand request) {
        return new ProducerGroupHeader(request.requireExt(PRODUCER_GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(PRODUCER_GROUP, producerGroup);
    }
}
