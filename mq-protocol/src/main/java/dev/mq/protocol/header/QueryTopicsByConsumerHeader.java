package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of QUERY_TOPICS_BY_CONSUMER (343, admin to broker): the topics a consumer group holds
 * offsets for ({@code remoting-protocol.md} section 3.10). The answer is a TopicList body.
 *
 * @param group {@code group}, R: the consumer group
 */
public record QueryTopicsByConsumerHeader(String group) implements CommandHeader {

    private static final String GROUP = "group";

    /** Reads the header of a QUERY_TOPICS_BY_CONSUMER request. */
    public static QueryTopicsByConsumerHeader read(RemotingCommand request) {
        return new QueryTopicsByConsumerHeader(request.requireExt(GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(GROUP, group);
    }
}
