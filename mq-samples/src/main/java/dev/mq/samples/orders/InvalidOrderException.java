package dev.mq.samples.orders;

/** An order the service refuses; the request answers 422 with the message. */
public class InvalidOrderException extends RuntimeException {

    /** An exception with the reason the order was refused. */
    public InvalidOrderException(String message) {
        super(message);
    }
}
