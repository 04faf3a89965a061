package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;

/**
 * The header of RESEND_DEAD_LETTERS (10002, dev.mq extension, admin to broker): append dead letters
 * of a group to their original topics again; the body selects them ({@code docs/admin-extensions.md}).
 * The answer is a JSON body.
 *
 * @param group {@code group}, R: the consumer group whose dead letters are re-sent
 */
public record ResendDeadLettersHeader(String group) implements CommandHeader {

    /** Reads the header of a RESEND_DEAD_LETTERS request. */
    public static ResendDeadLettersHeader read(RemotingCommand request) {
        return new ResendDeadLettersHeader(request.requireExt(GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(GROUP, group);
    }
}
