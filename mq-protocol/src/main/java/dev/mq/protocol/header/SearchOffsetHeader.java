package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.TIMESTAMP;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of SEARCH_OFFSET_BY_TIMESTAMP (29): the queue offset of the first message stored at
 * or after a time ({@code remoting-protocol.md} section 3.4). The answer is an
 * {@link OffsetResponseHeader}.
 *
 * @param topic        {@code topic}, R: the topic
 * @param queueId      {@code queueId}, R: the queue
 * @param timestamp    {@code timestamp}, R: store time in ms
 * @param boundaryType {@code boundaryType}, o (5.x): {@value #UPPER} or {@value #LOWER}, or null; our
 *                     broker reads anything but {@value #UPPER} (null included) as {@value #LOWER}
 */
public record SearchOffsetHeader(String topic, int queueId, long timestamp, String boundaryType)
        implements CommandHeader {

    /** boundaryType: the first of several messages with the searched time. */
    public static final String LOWER = "LOWER";
    /** boundaryType: the last of several messages with the searched time. */
    public static final String UPPER = "UPPER";

    private static final String BOUNDARY_TYPE = "boundaryType";

    /** Reads the header of a SEARCH_OFFSET_BY_TIMESTAMP request. */
    public static SearchOffsetHeader read(RemotingCommand request) {
        return new SearchOffsetHeader(
                request.requireExt(TOPIC),
                request.requireExtInt(QUEUE_ID),
                request.requireExtLong(TIMESTAMP),
                request.ext(BOUNDARY_TYPE));
    }

    /** Whether the search asks for the upper boundary, as our broker decides it (exactly {@value #UPPER}). */
    public boolean upper() {
        return UPPER.equals(boundaryType);
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(QUEUE_ID, queueId)
                .putExt(TIMESTAMP, timestamp)
                .putExt(BOUNDARY_TYPE, boundaryType);
    }
}
