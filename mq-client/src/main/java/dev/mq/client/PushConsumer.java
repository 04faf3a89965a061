package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.consumer.OffsetDirectories;
import dev.mq.client.internal.consumer.PushConsumerEngine;
import dev.mq.client.internal.consumer.PushConsumerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * Receives the messages of its subscriptions and hands them to a listener: the client pulls them
 * (long polling), the listener processes them on the consumer's threads, and the offsets of what
 * was processed are committed. Made (and started) by {@link MqClient#pushConsumer(String)}:
 *
 * <pre>{@code
 * try (PushConsumer consumer = client.pushConsumer("billing")
 *         .subscribe("Orders", "created || paid")
 *         .listener(messages -> {
 *             billing.handle(messages.get(0));
 *             return ConsumeResult.SUCCESS;
 *         })
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Clustering</b> (default): the group's consumers share the queues (rebalanced at once when
 * one joins or leaves, and every {@link Builder#rebalanceInterval 20 s}); each message is processed by
 * one of them at least once. A listener that fails ({@link ConsumeResult#RETRY_LATER} or an exception)
 * gets the message again later through the group's retry topic {@code %RETRY%<group>} (subscribed
 * automatically), after the broker's back-off; after {@link Builder#maxReconsumeTimes 16} retries it
 * goes to the dead-letter topic {@code %DLQ%<group>}. <b>Broadcasting</b>: every consumer of the group
 * gets every message; offsets are kept in a local file; failures are not retried.
 *
 * <p>Delivery is at least once: after a crash, a rebalance or a consume timeout a message can come
 * again (same message id). Thread-safe.
 */
public final class PushConsumer implements AutoCloseable {

    private final PushConsumerEngine engine;

    private PushConsumer(PushConsumerEngine engine) {
        this.engine = engine;
    }

    /** The consumer group. */
    public String group() {
        return engine.settings().group();
    }

    /**
     * Stops delivering: no listener call starts and no queue is pulled until {@link #resume()}.
     * Listener calls already running finish; messages already pulled wait in the cache.
     */
    public void pause() {
        engine.pause();
    }

    /** Delivers again after {@link #pause()}. */
    public void resume() {
        engine.resume();
    }

    /** Whether the consumer is paused. */
    public boolean isPaused() {
        return engine.isPaused();
    }

    /** The queues this consumer owns now (the group's retry topic's included in clustering mode). */
    public Set<MessageQueue> assignment() {
        return engine.assignment();
    }

    /**
     * Closes the consumer: stops pulling and starting the listener, waits (up to the
     * {@link Builder#shutdownTimeout shutdown timeout}) for listener calls already running, commits the
     * offsets of what was processed, releases its queue locks and leaves the group; the group's other
     * consumers take its queues over at once. Messages pulled but not processed are not committed:
     * whoever owns their queue next gets them. Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** The engine, for tests of this package. */
    PushConsumerEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "PushConsumer[" + engine + "]";
    }

    /**
     * A push consumer's settings; defaults are the official client's. {@link #build()} validates and
     * starts it. Not thread-safe.
     */
    public static final class Builder {

        private final ClientCore core;
        private final String group;
        private final Map<String, String> subscriptions = new LinkedHashMap<>();
        private MessageListener listener;
        private OrderlyMessageListener orderlyListener;
        private MessageModel messageModel = MessageModel.CLUSTERING;
        private ConsumeFrom consumeFrom = ConsumeFrom.LAST_OFFSET;
        private Instant consumeTimestamp;
        private int threads = 20;
        private int consumeBatchSize = 1;
        private int pullBatchSize = 128;
        private int maxCachedMessagesPerQueue = 1000;
        private long maxCachedBytesPerQueue = 100L * 1024 * 1024;
        private Duration consumeTimeout = Duration.ofMinutes(15);
        private int maxReconsumeTimes = -1;
        private Duration orderlyRetryDelay = Duration.ofSeconds(1);
        private QueueAllocationStrategy allocationStrategy = QueueAllocationStrategy.averagely();
        private Duration rebalanceInterval = Duration.ofSeconds(20);
        private Duration offsetCommitInterval = Duration.ofSeconds(5);
        private Duration relockInterval = Duration.ofSeconds(20);
        private Duration longPolling = Duration.ofSeconds(15);
        private Path offsetStoreDirectory;
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private ThreadFactory consumeThreadFactory;

        Builder(ClientCore core, String group) {
            this.core = core;
            this.group = group;
        }

        /**
         * Subscribes to {@code topic}: {@code "*"} for every message, or tags separated by {@code ||}
         * ({@code "created || paid"}). Several topics may be subscribed; subscribing a topic again
         * replaces its expression.
         */
        public Builder subscribe(String topic, String expression) {
            if (topic == null || expression == null) {
                throw new MqClientException("subscribe needs a topic and an expression (\"*\" for every message), got "
                        + topic + " / " + expression);
            }
            subscriptions.put(topic, expression);
            return this;
        }

        /** The listener, called concurrently on the consume threads (this or {@link #orderlyListener}). */
        public Builder listener(MessageListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The listener for ordered consumption: per queue in offset order, one thread at a time (this or
         * {@link #listener}).
         */
        public Builder orderlyListener(OrderlyMessageListener listener) {
            this.orderlyListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Clustering (default: the group shares the queues) or broadcasting (every consumer gets everything). */
        public Builder messageModel(MessageModel model) {
            this.messageModel = model;
            return this;
        }

        /** Where a queue without a committed offset starts (default {@link ConsumeFrom#LAST_OFFSET}). */
        public Builder consumeFrom(ConsumeFrom from) {
            this.consumeFrom = from;
            return this;
        }

        /**
         * Starts queues without a committed offset at the first message stored at or after {@code time}
         * ({@link ConsumeFrom#TIMESTAMP}; without this, 30 minutes before the consumer starts).
         */
        public Builder consumeFromTimestamp(Instant time) {
            this.consumeFrom = ConsumeFrom.TIMESTAMP;
            this.consumeTimestamp = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Threads that run the listener (default 20). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Most messages per listener call (default 1); they come from one queue, in order. */
        public Builder consumeBatchSize(int size) {
            this.consumeBatchSize = size;
            return this;
        }

        /**
         * Most messages per pull (default 128; the official client's default is 32). Our broker answers
         * up to 256 KiB per pull; Apache RocketMQ's brokers answer at most 32 messages from memory
         * ({@code maxTransferCountOnMessageInMemory}) whatever is asked. Fewer, larger pulls cost less
         * CPU per message on both sides.
         */
        public Builder pullBatchSize(int size) {
            this.pullBatchSize = size;
            return this;
        }

        /**
         * Flow control: a queue is not pulled while this many of its messages wait to be processed
         * (default 1000), and a pull never asks for more than there is room for.
         */
        public Builder maxCachedMessagesPerQueue(int messages) {
            this.maxCachedMessagesPerQueue = messages;
            return this;
        }

        /**
         * Flow control: a queue is not pulled while its waiting messages' bodies take this many bytes
         * (default 100 MiB); one pull (at most 256 KiB from our brokers) may go beyond it.
         */
        public Builder maxCachedBytesPerQueue(long bytes) {
            this.maxCachedBytesPerQueue = bytes;
            return this;
        }

        /**
         * A listener call that runs longer has its messages handed back for a retry, as if it had
         * failed; its own result then no longer counts (default 15 minutes; concurrent listeners only).
         */
        public Builder consumeTimeout(Duration timeout) {
            this.consumeTimeout = timeout;
            return this;
        }

        /**
         * Retries before a message goes to the dead-letter topic {@code %DLQ%<group>} (default 16 for a
         * {@link #listener}, unlimited for an {@link #orderlyListener}, whose retries are local).
         */
        public Builder maxReconsumeTimes(int times) {
            this.maxReconsumeTimes = times;
            return this;
        }

        /** Orderly: how long a queue waits before a failed batch is delivered again (default 1 s). */
        public Builder orderlyRetryDelay(Duration delay) {
            this.orderlyRetryDelay = delay;
            return this;
        }

        /** Which queues this consumer takes (default {@link QueueAllocationStrategy#averagely()}). */
        public Builder allocationStrategy(QueueAllocationStrategy strategy) {
            this.allocationStrategy = strategy;
            return this;
        }

        /** How often queues are allocated again besides every group change (default 20 s). */
        public Builder rebalanceInterval(Duration interval) {
            this.rebalanceInterval = interval;
            return this;
        }

        /** How often the offsets of processed messages are committed (default 5 s; also at close). */
        public Builder offsetCommitInterval(Duration interval) {
            this.offsetCommitInterval = interval;
            return this;
        }

        /** Orderly, clustering: how often the broker locks of the owned queues are renewed (default 20 s). */
        public Builder relockInterval(Duration interval) {
            this.relockInterval = interval;
            return this;
        }

        /**
         * How long a broker may hold a pull that finds nothing, answering as soon as a message arrives
         * (default 15 s; the client waits that plus 15 s for the answer).
         */
        public Builder longPolling(Duration time) {
            this.longPolling = time;
            return this;
        }

        /**
         * Broadcasting: the directory of the offset file {@code <group>.json} (default
         * {@code ~/.mq/offsets/<clientId>}; the client id contains the instance name, so set
         * {@link MqClient.Builder#instanceName} or this directory for offsets that outlive the process).
         */
        public Builder offsetStoreDirectory(Path directory) {
            this.offsetStoreDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** How long {@link PushConsumer#close()} waits for listener calls that are running (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Makes the threads that run listener calls, for example virtual threads on Java 21
         * ({@code Thread.ofVirtual().factory()}); there are still at most {@link #threads(int)} calls at
         * once. The consumer names the threads; platform ones are made daemons. Default: platform daemon
         * threads.
         */
        public Builder consumeThreadFactory(ThreadFactory factory) {
            this.consumeThreadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Validates the settings and starts the consumer: it joins the group and starts receiving in
         * the background (a topic that does not exist yet is looked up again at each rebalance).
         *
         * @throws MqClientException naming a bad setting, or when the client is closed or already has a
         *                           consumer of this group
         */
        public PushConsumer build() {
            PushConsumerSettings settings = new PushConsumerSettings(group, subscriptions, listener, orderlyListener,
                    messageModel, consumeFrom, consumeFrom == ConsumeFrom.TIMESTAMP && consumeTimestamp == null
                    ? Instant.now().minus(Duration.ofMinutes(30)) : consumeTimestamp, threads, consumeBatchSize,
                    pullBatchSize, maxCachedMessagesPerQueue, maxCachedBytesPerQueue, consumeTimeout, maxReconsumeTimes,
                    orderlyRetryDelay, allocationStrategy, rebalanceInterval, offsetCommitInterval, relockInterval,
                    longPolling, offsetStoreDirectory, shutdownTimeout, consumeThreadFactory);
            return new PushConsumer(PushConsumerEngine.start(core, settings,
                    OffsetDirectories.defaultFor(core.clientId())));
        }
    }
}
