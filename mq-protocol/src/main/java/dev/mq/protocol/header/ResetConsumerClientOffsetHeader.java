package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;
import static dev.mq.protocol.header.ExtFields.IS_FORCE;
import static dev.mq.protocol.header.ExtFields.TIMESTAMP;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of RESET_CONSUMER_CLIENT_OFFSET (220, broker to client, oneway): the broker tells a
 * consumer that its group's offsets of a topic were reset; the body is the ResetOffsetBody with the
 * new offsets ({@code docs/admin-extensions.md}, "Offset reset").
 *
 * @param topic     {@code topic}, R: the topic
 * @param group     {@code group}, R: the consumer group
 * @param timestamp {@code timestamp}, R: the time the offsets were reset to (negative: the end)
 * @param force     {@code isForce}, o: whether the reset was forced; false when absent
 */
public record ResetConsumerClientOffsetHeader(String topic, String group, long timestamp, boolean force)
        implements CommandHeader {

    /** Reads the header of a RESET_CONSUMER_CLIENT_OFFSET request. */
    public static ResetConsumerClientOffsetHeader read(RemotingCommand request) {
        return new ResetConsumerClientOffsetHeader(request.requireExt(TOPIC), request.requireExt(GROUP),
                request.requireExtLong(TIMESTAMP), Boolean.TRUE.equals(request.extBoolean(IS_FORCE)));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(GROUP, group)
                .putExt(TIMESTAMP, timestamp)
                .putExt(IS_FORCE, force);
    }
}
