package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of GET_MAX_OFFSET (30): a queue's max offset, the next one to be written
 * ({@code remoting-protocol.md} section 3.4). The answer is an {@link OffsetResponseHeader}.
 *
 * @param topic     {@code topic}, R: the topic
 * @param queueId   {@code queueId}, R: the queue
 * @param committed {@code committed}, o: Apache clients always send true; our broker ignores it;
 *                  null when absent
 */
public record GetMaxOffsetHeader(String topic, int queueId, Boolean committed) implements CommandHeader {

    private static final String COMMITTED = "committed";

    /** Reads the header of a GET_MAX_OFFSET request. */
    public static GetMaxOffsetHeader read(RemotingCommand request) {
        return new GetMaxOffsetHeader(
                request.requireExt(TOPIC),
                request.requireExtInt(QUEUE_ID),
                request.extBoolean(COMMITTED));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(QUEUE_ID, queueId)
                .putExt(COMMITTED, committed);
    }
}
