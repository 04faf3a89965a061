package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header naming one queue, of GET_MIN_OFFSET (31; answered with an
 * {@link OffsetResponseHeader}) and GET_EARLIEST_MSG_STORETIME (32; answered with a
 * {@link GetEarliestMsgStoretimeResponseHeader}) ({@code remoting-protocol.md} section 3.4).
 *
 * @param topic   {@code topic}, R: the topic
 * @param queueId {@code queueId}, R: the queue
 */
public record TopicQueueHeader(String topic, int queueId) implements CommandHeader {

    /** Reads the header of a GET_MIN_OFFSET or GET_EARLIEST_MSG_STORETIME request. */
    public static TopicQueueHeader read(RemotingCommand request) {
        return new TopicQueueHeader(request.requireExt(TOPIC), request.requireExtInt(QUEUE_ID));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic).putExt(QUEUE_ID, queueId);
    }
}
