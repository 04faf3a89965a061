package dev.mq.bench.load;

import java.util.function.IntFunction;

/**
 * The consumer side of a load: a push consumer of one client library, subscribed to all of
 * {@code --topic}, whose listener hands every delivery to a {@link Listener} and reports success.
 * Made ready (not started) by {@link LoadClient#receiver}, so that its start can be timed alone.
 */
interface Receiver extends AutoCloseable {

    /** Starts consuming: the client joins the group, finds its queues and pulls in the background. */
    void start() throws Exception;

    /** Stops the consumer (and whatever client it alone uses). */
    @Override
    void close();

    /** What the load does with a delivery. Called on the consumer's listener threads, concurrently. */
    @FunctionalInterface
    interface Listener {

        /**
         * One listener call: {@code count} messages (of one queue); {@code bodies} gives the body of
         * the i-th. Must not throw.
         */
        void delivered(int count, IntFunction<byte[]> bodies);
    }
}
