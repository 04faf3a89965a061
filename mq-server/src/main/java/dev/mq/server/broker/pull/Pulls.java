package dev.mq.server.broker.pull;

import dev.mq.protocol.RequestProcessor;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.store.DispatchListener;

import java.util.concurrent.Executor;

/**
 * Pulls, composed: the {@link PullProcessor} for PULL_MESSAGE and LITE_PULL_MESSAGE, the
 * {@link LongPolling} it parks empty pulls in, and the {@link PullReader} both read with. The
 * owner registers {@link #processor()}, adds {@link #arrivals()} to the store's dispatch listeners,
 * starts and closes it.
 */
public final class Pulls implements AutoCloseable {

    private final LongPolling longPolling;
    private final PullProcessor processor;

    /**
     * @param slowPath runs the pulls that may wait for the disk or create their group (see
     *                 {@link PullProcessor}); the others run where they are processed
     */
    public Pulls(BrokerContext broker, Executor slowPath) {
        PullReader reader = new PullReader(broker.store());
        this.longPolling = new LongPolling(broker.store(), reader, broker.clock());
        this.processor = new PullProcessor(broker, reader, longPolling, slowPath);
    }

    /** Handles PULL_MESSAGE and LITE_PULL_MESSAGE; register it to run on the I/O thread. */
    public RequestProcessor processor() {
        return processor;
    }

    /** Wakes parked pulls when their queue grows. */
    public DispatchListener arrivals() {
        return longPolling;
    }

    /** Starts answering parked pulls whose wait ran out. */
    public void start() {
        longPolling.start();
    }

    /** Answers every parked pull now and stops the threads. */
    @Override
    public void close() {
        longPolling.close();
    }
}
