package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;

/**
 * The header naming one consumer group as {@code group}, of QUERY_TOPICS_BY_CONSUMER (343, admin to
 * broker: the topics the group holds offsets for, answered with a TopicList body) and
 * GET_SUBSCRIPTIONGROUP_CONFIG (352: the group's settings) ({@code remoting-protocol.md} section 3.10).
 *
 * @param group {@code group}, R: the consumer group
 */
public record GroupHeader(String group) implements CommandHeader {

    /** Reads the header of a QUERY_TOPICS_BY_CONSUMER or GET_SUBSCRIPTIONGROUP_CONFIG request. */
    public static GroupHeader read(RemotingCommand request) {
        return new GroupHeader(request.requireExt(GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(GROUP, group);
    }
}
