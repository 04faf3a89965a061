package dev.mq.bench.load;

/**
 * The producer side of a load: one started producer of one client library, sending {@code --topic}
 * messages with a given body. Thread-safe; the load threads share one.
 */
interface Sender extends AutoCloseable {

    /** The name of the status of a send the broker stored as asked (both clients call it so). */
    String SEND_OK = "SEND_OK";

    /**
     * Sends one message and waits for the broker.
     *
     * @return the name of the send status: {@link #SEND_OK}, or what else the broker reported
     *         (stored, but a flush or replica did not confirm it)
     * @throws Exception the client's exception when the send failed
     */
    String send(byte[] body) throws Exception;

    /** Sends {@code count} messages with this body as one batch request and waits; returns as {@link #send}. */
    String sendBatch(byte[] body, int count) throws Exception;

    /**
     * Sends one message without waiting; {@code callback} hears of the outcome exactly once, on a
     * client thread (or on the caller's when the send fails before it starts).
     */
    void sendAsync(byte[] body, Callback callback);

    /** Sends one message that nobody answers; returns once the client has handed it to the connection. */
    void sendOneway(byte[] body) throws Exception;

    /** Stops the producer (and whatever client it alone uses). */
    @Override
    void close();

    /** The outcome of an asynchronous send. */
    interface Callback {

        /** The broker answered; {@code status} as {@link Sender#send} returns it. */
        void completed(String status);

        /** The send failed. */
        void failed(Throwable error);
    }
}
