package dev.mq.client;

/**
 * The client could not do what was asked without a server refusing it: bad input (an invalid
 * message, topic or setting), no route for a topic, no connection to a server, a connection closed
 * before the answer arrived, or a closed client or producer.
 */
public class MqClientException extends MqException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message a person can act on. */
    public MqClientException(String message) {
        super(message);
    }

    /** Creates the exception with a message a person can act on and the underlying cause. */
    public MqClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
