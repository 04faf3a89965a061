package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of GET_CONSUME_STATS (208, admin to broker): a consumer group's progress per queue
 * ({@code remoting-protocol.md} sections 2.1 and 3.10). The answer is a ConsumeStats body.
 *
 * @param consumerGroup {@code consumerGroup}, R: the group
 * @param topic         {@code topic}, o: only this topic's queues, or null for every topic of the group
 */
public record GetConsumeStatsHeader(String consumerGroup, String topic) implements CommandHeader {

    /** Reads the header of a GET_CONSUME_STATS request. */
    public static GetConsumeStatsHeader read(RemotingCommand request) {
        return new GetConsumeStatsHeader(request.requireExt(CONSUMER_GROUP), request.ext(TOPIC));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup).putExt(TOPIC, topic);
    }
}
