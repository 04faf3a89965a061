package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of QUERY_CONSUMER_OFFSET (14): a group's committed offset of one queue
 * ({@code remoting-protocol.md} section 3.4). The answer is an {@link OffsetResponseHeader}, or
 * QUERY_NOT_FOUND (22) without a header when the group has no offset.
 *
 * @param consumerGroup     {@code consumerGroup}, R: the group
 * @param topic             {@code topic}, R: the topic
 * @param queueId           {@code queueId}, R: the queue
 * @param setZeroIfNotFound {@code setZeroIfNotFound}, o (5.x; clients leave it null): false asks the
 *                          broker to answer QUERY_NOT_FOUND rather than 0 when nothing is committed
 * @param brokerName        {@code bname}, o: the broker the client meant to reach, or null
 */
public record QueryConsumerOffsetHeader(String consumerGroup, String topic, int queueId, Boolean setZeroIfNotFound,
                                        String brokerName) implements CommandHeader {

    private static final String SET_ZERO_IF_NOT_FOUND = "setZeroIfNotFound";

    /** Reads the header of a QUERY_CONSUMER_OFFSET request. */
    public static QueryConsumerOffsetHeader read(RemotingCommand request) {
        return new QueryConsumerOffsetHeader(
                request.requireExt(CONSUMER_GROUP),
                request.requireExt(TOPIC),
                request.requireExtInt(QUEUE_ID),
                request.extBoolean(SET_ZERO_IF_NOT_FOUND),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup)
                .putExt(TOPIC, topic)
                .putExt(QUEUE_ID, queueId)
                .putExt(SET_ZERO_IF_NOT_FOUND, setZeroIfNotFound)
                .putExt(BNAME, brokerName);
    }
}
