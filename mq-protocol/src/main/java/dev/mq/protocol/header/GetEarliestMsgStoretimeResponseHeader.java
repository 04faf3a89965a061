package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.TIMESTAMP;

/**
 * The header of a successful answer to GET_EARLIEST_MSG_STORETIME (32)
 * ({@code remoting-protocol.md} section 3.4).
 *
 * @param timestamp {@code timestamp}, R: store time in ms of the queue's earliest message (our broker
 *                  answers 0 for an empty queue)
 */
public record GetEarliestMsgStoretimeResponseHeader(long timestamp) implements CommandHeader {

    /** Reads the header of a successful GET_EARLIEST_MSG_STORETIME answer. */
    public static GetEarliestMsgStoretimeResponseHeader read(RemotingCommand response) {
        return new GetEarliestMsgStoretimeResponseHeader(response.requireExtLong(TIMESTAMP));
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(TIMESTAMP, timestamp);
    }
}
