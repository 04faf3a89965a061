package dev.mq.protocol;

/**
 * The bytes of a frame are not a valid command: bad header length, unknown serialize type,
 * invalid JSON, truncated binary fields, negative lengths and the like. A connection that
 * delivers such a frame is closed.
 */
public final class MalformedFrameException extends RemotingCommandException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception naming what is wrong with the frame. */
    public MalformedFrameException(String message) {
        super(message);
    }

    /** Creates the exception naming what is wrong with the frame, with the parser's exception. */
    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
