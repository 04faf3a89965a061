package dev.mq.client;

/**
 * The base of every exception this client throws. Unchecked: a caller catches the kind it can act
 * on ({@link MqBrokerException}, {@link MqClientException}, {@link MqTimeoutException}) or this base.
 * Messages say what failed, where, and what to do about it where the client knows.
 */
public abstract class MqException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message a person can act on. */
    protected MqException(String message) {
        super(message);
    }

    /** Creates the exception with a message a person can act on and the underlying cause. */
    protected MqException(String message, Throwable cause) {
        super(message, cause);
    }
}
