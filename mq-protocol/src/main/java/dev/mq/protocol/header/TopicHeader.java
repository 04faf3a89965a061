package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header naming one topic, of the admin requests GET_TOPIC_STATS_INFO (202),
 * DELETE_TOPIC_IN_BROKER (215), QUERY_TOPIC_CONSUME_BY_WHO (300) and GET_TOPIC_CONFIG (351)
 * ({@code remoting-protocol.md} sections 2.1 and 3.10). None of their answers has a header.
 *
 * @param topic {@code topic}, R: the topic
 */
public record TopicHeader(String topic) implements CommandHeader {

    /** Reads the header of a request that names one topic. */
    public static TopicHeader read(RemotingCommand request) {
        return new TopicHeader(request.requireExt(TOPIC));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic);
    }
}
