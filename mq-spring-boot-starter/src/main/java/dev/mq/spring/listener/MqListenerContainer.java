package dev.mq.spring.listener;

import dev.mq.client.MessageQueue;
import dev.mq.client.PushConsumer;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one {@code @MqListener}: a push consumer built at {@link #start()} and closed at
 * {@link #stop()} (running invocations finish, offsets are committed, the group rebalances).
 * Thread-safe.
 */
public final class MqListenerContainer {

    private final MqListenerEndpoint endpoint;
    private final Supplier<PushConsumer> consumers;
    private PushConsumer consumer;

    MqListenerContainer(MqListenerEndpoint endpoint, Supplier<PushConsumer> consumers) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.consumers = Objects.requireNonNull(consumers, "consumers");
    }

    /** The listener this container runs. */
    public MqListenerEndpoint endpoint() {
        return endpoint;
    }

    /** Starts consuming; does nothing when running. */
    public synchronized void start() {
        if (consumer == null) {
            consumer = consumers.get();
        }
    }

    /** Stops consuming gracefully; does nothing when stopped. */
    public synchronized void stop() {
        if (consumer != null) {
            try {
                consumer.close();
            } finally {
                consumer = null;
            }
        }
    }

    /** Whether the consumer runs (paused or not). */
    public synchronized boolean isRunning() {
        return consumer != null;
    }

    /**
     * Stops delivering without leaving the group: running invocations finish, nothing new starts
     * until {@link #resume()}.
     *
     * @throws IllegalStateException when the container is not running
     */
    public synchronized void pause() {
        running("pause").pause();
    }

    /** Delivers again after {@link #pause()}. @throws IllegalStateException when not running */
    public synchronized void resume() {
        running("resume").resume();
    }

    /** Whether the container runs and is paused. */
    public synchronized boolean isPaused() {
        return consumer != null && consumer.isPaused();
    }

    /** The queues the consumer owns now (its group's retry queues included); empty when not running. */
    public synchronized Set<MessageQueue> assignment() {
        return consumer == null ? Set.of() : consumer.assignment();
    }

    private PushConsumer running(String action) {
        if (consumer == null) {
            throw new IllegalStateException("cannot " + action + " listener '" + endpoint.id() + "': it is not running");
        }
        return consumer;
    }

    @Override
    public String toString() {
        return "MqListenerContainer[" + endpoint.id() + " " + endpoint.topic() + "/" + endpoint.group()
                + (isRunning() ? (isPaused() ? " paused" : " running") : " stopped") + "]";
    }
}
