package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;
import static dev.mq.protocol.header.ExtFields.IS_FORCE;
import static dev.mq.protocol.header.ExtFields.OFFSET;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TIMESTAMP;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of INVOKE_BROKER_TO_RESET_OFFSET (222, admin to broker): move a consumer group's
 * offsets of a topic to a point in time, or to the end ({@code docs/admin-extensions.md}, "Offset
 * reset"). The answer is a ResetOffsetBody; the broker tells online consumers with a
 * {@link ResetConsumerClientOffsetHeader}.
 *
 * @param topic     {@code topic}, R: the topic
 * @param group     {@code group}, R: the consumer group
 * @param timestamp {@code timestamp}, R: store time in ms; negative (-1) means the end of each queue
 * @param force     {@code isForce}, o: true always moves, false only moves back; {@code read} defaults it
 *                  to false as our broker does
 * @param queueId   {@code queueId}, o (5.x): only this queue when not negative; {@code read} defaults it
 *                  to -1 (every queue) as our broker does
 * @param offset    {@code offset}, o (5.x): with {@code queueId}, an explicit target offset (-1 or null:
 *                  none)
 */
public record ResetOffsetHeader(String topic, String group, long timestamp, boolean force, int queueId, Long offset)
        implements CommandHeader {

    /** Reads the header of an INVOKE_BROKER_TO_RESET_OFFSET request. */
    public static ResetOffsetHeader read(RemotingCommand request) {
        String topic = request.requireExt(TOPIC);
        String group = request.requireExt(GROUP);
        Integer queueId = request.extInt(QUEUE_ID);
        return new ResetOffsetHeader(topic, group, request.requireExtLong(TIMESTAMP),
                Boolean.TRUE.equals(request.extBoolean(IS_FORCE)), queueId == null ? -1 : queueId,
                request.extLong(OFFSET));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(GROUP, group)
                .putExt(TIMESTAMP, timestamp)
                .putExt(IS_FORCE, force)
                .putExt(QUEUE_ID, queueId)
                .putExt(OFFSET, offset);
    }
}
