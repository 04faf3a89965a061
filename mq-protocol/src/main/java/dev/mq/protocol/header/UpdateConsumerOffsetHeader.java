package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.COMMIT_OFFSET;
import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of UPDATE_CONSUMER_OFFSET (15, usually oneway): commit a group's offset of one queue
 * ({@code remoting-protocol.md} section 3.4). The answer has no header.
 *
 * @param consumerGroup {@code consumerGroup}, R: the group
 * @param topic         {@code topic}, R: the topic
 * @param queueId       {@code queueId}, R: the queue
 * @param commitOffset  {@code commitOffset}, R: the next offset the group will consume
 * @param brokerName    {@code bname}, o: the broker the client meant to reach, or null
 */
public record UpdateConsumerOffsetHeader(String consumerGroup, String topic, int queueId, long commitOffset,
                                         String brokerName) implements CommandHeader {

    /** Reads the header of an UPDATE_CONSUMER_OFFSET request. */
    public static UpdateConsumerOffsetHeader read(RemotingCommand request) {
        return new UpdateConsumerOffsetHeader(
                request.requireExt(CONSUMER_GROUP),
                request.requireExt(TOPIC),
                request.requireExtInt(QUEUE_ID),
                request.requireExtLong(COMMIT_OFFSET),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup)
                .putExt(TOPIC, topic)
                .putExt(QUEUE_ID, queueId)
                .putExt(COMMIT_OFFSET, commitOffset)
                .putExt(BNAME, brokerName);
    }
}
