package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.OFFSET;

/**
 * The header of a successful answer to QUERY_CONSUMER_OFFSET (14), SEARCH_OFFSET_BY_TIMESTAMP (29),
 * GET_MAX_OFFSET (30) and GET_MIN_OFFSET (31): one queue offset ({@code remoting-protocol.md}
 * section 3.4).
 *
 * @param offset {@code offset}, R: the committed offset (14), the offset found (29), the queue's max
 *               offset, i.e. the next to be written (30), or its min offset (31)
 */
public record OffsetResponseHeader(long offset) implements CommandHeader {

    /** Reads the header of a successful offset answer. */
    public static OffsetResponseHeader read(RemotingCommand response) {
        return new OffsetResponseHeader(response.requireExtLong(OFFSET));
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(OFFSET, offset);
    }
}
