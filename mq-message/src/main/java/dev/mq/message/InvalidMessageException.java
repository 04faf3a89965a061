package dev.mq.message;

/**
 * Bytes that should hold messages do not: a batch body or a record that is truncated, or whose
 * lengths disagree. The message says where and what, for a person to act on.
 */
public class InvalidMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says where the bytes are wrong and how. */
    public InvalidMessageException(String message) {
        super(message);
    }
}
