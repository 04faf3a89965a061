package dev.mq.protocol;

/**
 * A command cannot be encoded, decoded or interpreted: a required header field is missing or not a
 * number, a field does not fit the chosen header encoding, or (as {@link MalformedFrameException})
 * the bytes of a frame are not a valid command.
 *
 * <p>Unchecked: it signals bad input from a peer or a programming error, which a request processor
 * usually lets propagate; the server then answers {@link ResponseCode#SYSTEM_ERROR} with this
 * exception's message as the remark.
 */
public class RemotingCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message a person can act on. */
    public RemotingCommandException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public RemotingCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
