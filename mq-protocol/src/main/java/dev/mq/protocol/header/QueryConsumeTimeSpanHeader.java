package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of QUERY_CONSUME_TIME_SPAN (303, admin to broker): per queue of a topic, the store
 * times of the oldest, newest and last consumed message of a group ({@code remoting-protocol.md}
 * section 3.10). The answer is a QueryConsumeTimeSpanBody.
 *
 * @param topic {@code topic}, R: the topic
 * @param group {@code group}, R: the consumer group
 */
public record QueryConsumeTimeSpanHeader(String topic, String group) implements CommandHeader {

    /** Reads the header of a QUERY_CONSUME_TIME_SPAN request. */
    public static QueryConsumeTimeSpanHeader read(RemotingCommand request) {
        return new QueryConsumeTimeSpanHeader(request.requireExt(TOPIC), request.requireExt(GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic).putExt(GROUP, group);
    }
}
