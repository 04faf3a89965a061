package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.producer.OutgoingMessage;
import dev.mq.client.internal.producer.ProducerLifecycle;
import dev.mq.client.internal.producer.SendEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages for one producer group: synchronously, asynchronously, oneway, or as a batch;
 * messages with a sharding key in order. Made by {@link MqClient#producer(String)}; thread-safe, meant
 * to be shared.
 *
 * <pre>{@code
 * try (Producer producer = client.producer("orders-service").build()) {
 *     SendResult result = producer.send(Message.builder("Orders").keys("order-42").body(json).build());
 * }
 * }</pre>
 *
 * <p>A send that fails on one broker is retried on another broker of the topic's route (up to
 * {@link Builder#retries(int) retries} times within the {@link Builder#sendTimeout(Duration) send
 * timeout}); brokers that failed or answered slowly are avoided for a while. A retry after a lost
 * answer may store a message twice, with the same message id. Bodies of at least
 * {@link Builder#compressBodiesOver(int) 4 KiB} are zlib-compressed, as the official client does.
 */
public final class Producer implements AutoCloseable {

    private final ProducerLifecycle<?> lifecycle;
    private final SendEngine engine;

    private Producer(ProducerLifecycle<?> lifecycle) {
        this.lifecycle = lifecycle;
        this.engine = lifecycle.engine();
    }

    /** The producer group. */
    public String group() {
        return engine.settings().group();
    }

    /**
     * Sends a message and waits until a broker stored it.
     *
     * @throws MqBrokerException when a broker refused it (not retried, or still refused after retries)
     * @throws MqTimeoutException when the send timeout ran out (the message may have been stored)
     * @throws MqClientException when the topic has no route, no broker could be reached, or the
     *                           producer is closed
     */
    public SendResult send(Message message) {
        return engine.send(outgoing(message));
    }

    /**
     * Sends a message without waiting. The future completes on a client callback thread (never a
     * network I/O thread), with the result or one of the exceptions {@link #send(Message)} throws.
     */
    public CompletableFuture<SendResult> sendAsync(Message message) {
        return engine.sendAsync(outgoing(message));
    }

    /**
     * Sends a message without any answer: cheapest, but nobody confirms it was stored. Tries another
     * broker only when no connection could be opened.
     *
     * @throws MqClientException when no connection could be opened to any tried broker, the topic has
     *                           no route, or the producer is closed
     */
    public void sendOneway(Message message) {
        engine.sendOneway(outgoing(message));
    }

    /**
     * Sends messages of one topic as one request, stored together in one queue with consecutive
     * offsets, and waits. They must share topic and sharding key (or have none), have no delay, and
     * together take at most {@value Message#MAX_BODY_BYTES} bytes; batch bodies are not compressed.
     *
     * @return one result per message, in order
     * @throws MqClientException for a batch that breaks these rules, and as {@link #send(Message)}
     */
    public List<SendResult> sendBatch(List<Message> messages) {
        return engine.sendBatch(outgoing(messages));
    }

    /** As {@link #sendBatch(List)}, without waiting; completes on a client callback thread. */
    public CompletableFuture<List<SendResult>> sendBatchAsync(List<Message> messages) {
        return engine.sendBatchAsync(outgoing(messages));
    }

    /**
     * Stops the producer: refuses new sends, waits (up to the send timeout) for asynchronous sends
     * already started, and takes the group off the brokers. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "Producer[" + group() + "]";
    }

    static OutgoingMessage outgoing(Message message) {
        return Objects.requireNonNull(message, "message").outgoing();
    }

    static List<OutgoingMessage> outgoing(List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        List<OutgoingMessage> outgoing = new ArrayList<>(messages.size());
        for (Message message : messages) {
            outgoing.add(outgoing(message));
        }
        return outgoing;
    }

    /** The producer's settings ({@link ProducerBuilder}); defaults as the official client's. Not thread-safe. */
    public static final class Builder extends ProducerBuilder<Builder> {

        private final ClientCore core;

        Builder(ClientCore core, String group) {
            super(group);
            this.core = core;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Starts the producer.
         *
         * @throws MqClientException naming a bad setting, or when the client is closed or already has a
         *                           producer of this group
         */
        public Producer build() {
            return new Producer(ProducerLifecycle.start(core, settings()));
        }
    }
}
