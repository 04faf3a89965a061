package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of QUERY_CONSUME_QUEUE (321, admin to broker): raw entries of one consume queue
 * ({@code remoting-protocol.md} section 3.10). The answer is a QueryConsumeQueueResponseBody.
 *
 * @param topic         {@code topic}, R: the topic
 * @param queueId       {@code queueId}, R: the queue
 * @param index         {@code index}, R: the queue offset of the first entry
 * @param count         {@code count}, R: how many entries
 * @param consumerGroup {@code consumerGroup}, o: a group whose subscription to show with the entries
 */
public record QueryConsumeQueueHeader(String topic, int queueId, long index, int count, String consumerGroup)
        implements CommandHeader {

    private static final String INDEX = "index";
    private static final String COUNT = "count";

    /** Reads the header of a QUERY_CONSUME_QUEUE request. */
    public static QueryConsumeQueueHeader read(RemotingCommand request) {
        return new QueryConsumeQueueHeader(request.requireExt(TOPIC), request.requireExtInt(QUEUE_ID),
                request.requireExtLong(INDEX), request.requireExtInt(COUNT), request.ext(CONSUMER_GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic).putExt(QUEUE_ID, queueId).putExt(INDEX, index).putExt(COUNT, count)
                .putExt(CONSUMER_GROUP, consumerGroup);
    }
}
