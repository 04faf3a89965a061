package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.consumer.PullConsumerEngine;
import dev.mq.client.internal.consumer.PullConsumerSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Hands out messages when asked: {@link #poll(Duration)} returns what was fetched in the background
 * (long polling, a bounded cache per queue). Queues come from a {@link #subscribe subscription} (the
 * group's pull consumers share them, rebalanced as members come and go) or an explicit
 * {@link #assign assignment} (no group membership, no rebalancing). Made by
 * {@link MqClient#pullConsumer(String)}:
 *
 * <pre>{@code
 * try (PullConsumer consumer = client.pullConsumer("audit").build()) {
 *     consumer.subscribe("Orders", "*");
 *     while (running) {
 *         for (ReceivedMessage message : consumer.poll(Duration.ofSeconds(1))) {
 *             audit.record(message);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Positions: a queue's position is the offset after the last message poll returned from it. With
 * auto-commit (default) positions are committed by {@code poll} every 5 s and at close, so a message
 * is committed only after a later poll, once the application had it; without, {@link #commit()} or
 * {@link #commit(Map)} commit. A queue without a committed offset starts where
 * {@link Builder#consumeFrom} says. Messages are not retried: a failed message is the application's
 * to handle (seek back, or keep it). Thread-safe.
 */
public final class PullConsumer implements AutoCloseable {

    private final PullConsumerEngine engine;

    private PullConsumer(PullConsumerEngine engine) {
        this.engine = engine;
    }

    /** The consumer group. */
    public String group() {
        return engine.settings().group();
    }

    /**
     * Subscribes to {@code topic} ({@code "*"}, or tags separated by {@code ||}); may be called for
     * several topics. The group's subscribed pull consumers share the queues.
     *
     * @throws MqClientException for a bad topic or expression, or after {@link #assign}
     */
    public void subscribe(String topic, String expression) {
        if (topic == null || expression == null) {
            throw new MqClientException("subscribe needs a topic and an expression (\"*\" for every message), got "
                    + topic + " / " + expression);
        }
        engine.subscribe(topic, expression);
    }

    /**
     * Consumes exactly these queues (see {@link #queues(String)}), without joining the group's
     * rebalancing; replaces an earlier assignment. New queues start at the group's committed offset, or
     * where {@link Builder#consumeFrom} says.
     *
     * @throws MqClientException after {@link #subscribe}, or when a queue's start cannot be found
     */
    public void assign(Collection<MessageQueue> queues) {
        engine.assign(Objects.requireNonNull(queues, "queues"));
    }

    /**
     * The next messages (at most {@link Builder#maxPollMessages}), waiting up to {@code timeout} for
     * some; an empty list when none came in time. Messages of one queue come in offset order.
     *
     * @throws MqClientException before any subscribe or assign, or when closed
     */
    public List<ReceivedMessage> poll(Duration timeout) {
        return engine.poll(timeout);
    }

    /** Commits the position of every owned queue and waits for the brokers. */
    public void commit() {
        engine.commit();
    }

    /**
     * Commits these offsets (per queue, the next offset to consume) and waits for the brokers.
     *
     * @throws MqClientException for a negative offset
     */
    public void commit(Map<MessageQueue, Long> offsets) {
        engine.commit(Objects.requireNonNull(offsets, "offsets"));
    }

    /** The group's committed offset of {@code queue}, asked of its broker; empty when there is none. */
    public OptionalLong committed(MessageQueue queue) {
        return engine.committed(Objects.requireNonNull(queue, "queue"));
    }

    /**
     * The next offset poll returns from {@code queue}.
     *
     * @throws MqClientException when the queue is not owned
     */
    public long position(MessageQueue queue) {
        return engine.position(Objects.requireNonNull(queue, "queue"));
    }

    /**
     * Continues {@code queue} at {@code offset}; messages fetched from it and not yet returned are
     * dropped.
     *
     * @throws MqClientException when the queue is not owned or the offset is negative
     */
    public void seek(MessageQueue queue, long offset) {
        engine.seek(Objects.requireNonNull(queue, "queue"), offset);
    }

    /** Seeks each queue to its oldest stored message. */
    public void seekToBeginning(Collection<MessageQueue> queues) {
        engine.seekToBeginning(queues);
    }

    /** Seeks each queue past its last stored message. */
    public void seekToEnd(Collection<MessageQueue> queues) {
        engine.seekToEnd(queues);
    }

    /**
     * The offset of the first message stored in {@code queue} at or after {@code time}; past the last
     * message when there is none.
     */
    public long offsetForTimestamp(MessageQueue queue, Instant time) {
        return engine.offsetForTimestamp(Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(time, "time"));
    }

    /** Seeks {@code queue} to the first message stored at or after {@code time}. */
    public void seekToTimestamp(MessageQueue queue, Instant time) {
        engine.seekToTimestamp(Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(time, "time"));
    }

    /** Stops returning (and fetching) messages of these queues until {@link #resume}. */
    public void pause(Collection<MessageQueue> queues) {
        engine.pause(queues);
    }

    /** Returns and fetches messages of these queues again. */
    public void resume(Collection<MessageQueue> queues) {
        engine.resume(queues);
    }

    /** The paused queues. */
    public Set<MessageQueue> paused() {
        return engine.paused();
    }

    /** The queues this consumer owns now (for a subscription: as the last rebalance decided). */
    public Set<MessageQueue> assignment() {
        return engine.assignment();
    }

    /** The readable queues of {@code topic}, sorted: what {@link #assign} takes. */
    public List<MessageQueue> queues(String topic) {
        return engine.queues(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Closes the consumer: stops fetching, commits the positions (with auto-commit; without, the
     * application commits what it processed), leaves the group and stops its threads. A poll waiting
     * returns. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "PullConsumer[" + engine + "]";
    }

    /** A pull consumer's settings. {@link #build()} starts it. Not thread-safe. */
    public static final class Builder {

        private final ClientCore core;
        private final String group;
        private ConsumeFrom consumeFrom = ConsumeFrom.LAST_OFFSET;
        private Instant consumeTimestamp;
        private boolean autoCommit = true;
        private Duration autoCommitInterval = Duration.ofSeconds(5);
        private int maxPollMessages = 500;
        private int pullBatchSize = 32;
        private int maxCachedMessagesPerQueue = 1000;
        private long maxCachedBytesPerQueue = 100L * 1024 * 1024;
        private QueueAllocationStrategy allocationStrategy = QueueAllocationStrategy.averagely();
        private Duration rebalanceInterval = Duration.ofSeconds(20);
        private Duration longPolling = Duration.ofSeconds(20);

        Builder(ClientCore core, String group) {
            this.core = core;
            this.group = group;
        }

        /** Where a queue without a committed offset starts (default {@link ConsumeFrom#LAST_OFFSET}). */
        public Builder consumeFrom(ConsumeFrom from) {
            this.consumeFrom = from;
            return this;
        }

        /** Starts queues without a committed offset at the first message stored at or after {@code time}. */
        public Builder consumeFromTimestamp(Instant time) {
            this.consumeFrom = ConsumeFrom.TIMESTAMP;
            this.consumeTimestamp = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Whether poll commits positions every {@link #autoCommitInterval} and close commits them (default true). */
        public Builder autoCommit(boolean enabled) {
            this.autoCommit = enabled;
            return this;
        }

        /** How often poll commits positions with auto-commit (default 5 s). */
        public Builder autoCommitInterval(Duration interval) {
            this.autoCommitInterval = interval;
            return this;
        }

        /** Most messages one poll returns (default 500). */
        public Builder maxPollMessages(int messages) {
            this.maxPollMessages = messages;
            return this;
        }

        /** Most messages per pull from a broker (default 32). */
        public Builder pullBatchSize(int size) {
            this.pullBatchSize = size;
            return this;
        }

        /** A queue is not fetched while this many of its messages wait for a poll (default 1000). */
        public Builder maxCachedMessagesPerQueue(int messages) {
            this.maxCachedMessagesPerQueue = messages;
            return this;
        }

        /** A queue is not fetched while its waiting messages take this many body bytes (default 100 MiB). */
        public Builder maxCachedBytesPerQueue(long bytes) {
            this.maxCachedBytesPerQueue = bytes;
            return this;
        }

        /** Subscribe mode: which queues this consumer takes (default {@link QueueAllocationStrategy#averagely()}). */
        public Builder allocationStrategy(QueueAllocationStrategy strategy) {
            this.allocationStrategy = strategy;
            return this;
        }

        /** Subscribe mode: how often queues are allocated again besides every group change (default 20 s). */
        public Builder rebalanceInterval(Duration interval) {
            this.rebalanceInterval = interval;
            return this;
        }

        /** How long a broker may hold a pull that finds nothing (default 20 s). */
        public Builder longPolling(Duration time) {
            this.longPolling = time;
            return this;
        }

        /**
         * Validates the settings and starts the consumer; it fetches once it subscribed or was assigned
         * queues.
         *
         * @throws MqClientException naming a bad setting, or when the client is closed or already has a
         *                           consumer of this group
         */
        public PullConsumer build() {
            PullConsumerSettings settings = new PullConsumerSettings(group, consumeFrom,
                    consumeFrom == ConsumeFrom.TIMESTAMP && consumeTimestamp == null
                            ? Instant.now().minus(Duration.ofMinutes(30)) : consumeTimestamp,
                    autoCommit, autoCommitInterval, maxPollMessages, pullBatchSize, maxCachedMessagesPerQueue,
                    maxCachedBytesPerQueue, allocationStrategy, rebalanceInterval, longPolling);
            return new PullConsumer(PullConsumerEngine.start(core, settings));
        }
    }
}
