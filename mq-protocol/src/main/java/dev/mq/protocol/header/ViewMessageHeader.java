package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.OFFSET;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of VIEW_MESSAGE_BY_ID (33): one message by its commit-log offset
 * ({@code remoting-protocol.md} section 3.9). The answer has the message as body and no header.
 *
 * @param offset {@code offset}, R: the commit-log offset, as decoded from an offset message id
 * @param topic  {@code topic}, o: the message's topic, or null; our broker ignores it
 */
public record ViewMessageHeader(long offset, String topic) implements CommandHeader {

    /** Reads the header of a VIEW_MESSAGE_BY_ID request. */
    public static ViewMessageHeader read(RemotingCommand request) {
        return new ViewMessageHeader(request.requireExtLong(OFFSET), request.ext(TOPIC));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(OFFSET, offset).putExt(TOPIC, topic);
    }
}
