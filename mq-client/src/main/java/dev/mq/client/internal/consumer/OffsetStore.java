package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;

import java.util.Map;

/**
 * Where a consumer keeps its committed offsets: on the brokers for clustering groups
 * ({@link BrokerOffsetStore}), in a local file for broadcasting consumers ({@link LocalOffsetStore}).
 * An offset is the next one to consume. Thread-safe.
 */
interface OffsetStore {

    /**
     * The stored offset of {@code queue}, or -1 when none is stored.
     *
     * @throws dev.mq.client.MqException when it cannot be read (the queue is then not taken this round)
     */
    long read(MessageQueue queue);

    /**
     * Stores {@code offsets}. Failures are logged, never thrown.
     *
     * @param wait whether to wait (at most the request timeout) until they are stored
     */
    void persist(Map<MessageQueue, Long> offsets, boolean wait);

    /** Sets the offset this store believes is stored (after the broker reset it), without storing it. */
    void assume(MessageQueue queue, long offset);
}
