package dev.mq.client;

import java.time.Duration;

/**
 * No answer arrived in time. Says what timed out and after how long. For a send the message may or
 * may not have been stored: a retry can store it twice (consumers see the same message id).
 */
public class MqTimeoutException extends MqException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Duration timeout;

    /**
     * Creates the exception; its message is "{@code operation} timed out after N ms", plus
     * {@code detail} when not null.
     *
     * @param operation what timed out, e.g. "send of message X to topic T at broker-a (127.0.0.1:10911)"
     * @param timeout   how long the client waited
     * @param detail    more context (earlier attempts, ...), or null
     * @param cause     the transport's timeout, or null
     */
    public MqTimeoutException(String operation, Duration timeout, String detail, Throwable cause) {
        super(operation + " timed out after " + timeout.toMillis() + " ms" + (detail == null ? "" : "; " + detail),
                cause);
        this.operation = operation;
        this.timeout = timeout;
    }

    /** What timed out. */
    public String operation() {
        return operation;
    }

    /** How long the client waited. */
    public Duration timeout() {
        return timeout;
    }
}
