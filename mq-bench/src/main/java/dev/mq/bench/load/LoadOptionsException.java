package dev.mq.bench.load;

/** A command-line option is unknown, missing its value or has a bad value; the message says which. */
public final class LoadOptionsException extends IllegalArgumentException {

    public LoadOptionsException(String message) {
        super(message);
    }
}
