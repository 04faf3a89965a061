package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MessageListener;
import dev.mq.client.MessageModel;
import dev.mq.client.MqClientException;
import dev.mq.client.OrderlyMessageListener;
import dev.mq.client.QueueAllocationStrategy;
import dev.mq.client.internal.producer.ProducerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * Validated settings of one push consumer ({@code PushConsumer.Builder} fills them); the first bad
 * value stops the build with a message that names the setting.
 *
 * @param group                  the consumer group
 * @param subscriptions          topic to tag expression, at least one
 * @param listener               the concurrent listener, or null
 * @param orderlyListener        the orderly listener, or null (exactly one of the two)
 * @param messageModel           clustering or broadcasting
 * @param consumeFrom            where a queue without a committed offset starts
 * @param consumeTimestamp       for {@link ConsumeFrom#TIMESTAMP}: the point in time
 * @param threads                consume threads
 * @param consumeBatchSize       most messages per listener call
 * @param pullBatchSize          most messages per pull
 * @param maxCachedMessages      per queue: no pulls while this many messages wait
 * @param maxCachedBytes         per queue: no pulls while this many body bytes wait
 * @param consumeTimeout         a listener call running longer has its messages handed back (concurrent)
 * @param maxReconsumeTimes      retries before the dead-letter topic; -1: 16 concurrent, unlimited orderly
 * @param orderlyRetryDelay      orderly: the pause before a failed batch is delivered again
 * @param allocation             which queues this consumer takes
 * @param rebalanceInterval      how often queues are re-allocated (also on every group change)
 * @param offsetCommitInterval   how often offsets are committed
 * @param relockInterval         orderly clustering: how often queue locks are renewed
 * @param longPolling            how long a broker may hold a pull that finds nothing
 * @param offsetStoreDirectory   broadcasting: the directory of the offset file, or null for the default
 * @param shutdownTimeout        how long close waits for running listener calls
 * @param consumeThreadFactory   makes the threads that run listener calls (the consumer names them), or
 *                               null for platform daemon threads
 */
public record PushConsumerSettings(String group, Map<String, String> subscriptions, MessageListener listener,
                                   OrderlyMessageListener orderlyListener, MessageModel messageModel,
                                   ConsumeFrom consumeFrom, Instant consumeTimestamp, int threads,
                                   int consumeBatchSize, int pullBatchSize, int maxCachedMessages, long maxCachedBytes,
                                   Duration consumeTimeout, int maxReconsumeTimes, Duration orderlyRetryDelay,
                                   QueueAllocationStrategy allocation, Duration rebalanceInterval,
                                   Duration offsetCommitInterval, Duration relockInterval, Duration longPolling,
                                   Path offsetStoreDirectory, Duration shutdownTimeout,
                                   ThreadFactory consumeThreadFactory) {

    /** The most retries a message can have before the dead-letter topic, as brokers allow it. */
    public static final int MAX_RECONSUME_TIMES_LIMIT = 10_000;

    /** Checks every value. */
    public PushConsumerSettings {
        ProducerSettings.checkGroup(group);
        if (subscriptions == null || subscriptions.isEmpty()) {
            throw new MqClientException("push consumer of group " + group + ": subscribe to at least one topic");
        }
        subscriptions = Map.copyOf(new LinkedHashMap<>(subscriptions));
        if ((listener == null) == (orderlyListener == null)) {
            throw new MqClientException("push consumer of group " + group
                    + ": set exactly one of listener(...) and orderlyListener(...)");
        }
        Checks.present("messageModel", messageModel);
        Checks.present("consumeFrom", consumeFrom);
        if (consumeFrom == ConsumeFrom.TIMESTAMP) {
            Checks.present("consumeFromTimestamp", consumeTimestamp);
        }
        Checks.range("threads", threads, 1, 1000);
        Checks.range("consumeBatchSize", consumeBatchSize, 1, 1024);
        Checks.range("pullBatchSize", pullBatchSize, 1, 1024);
        Checks.range("maxCachedMessagesPerQueue", maxCachedMessages, 1, 1_000_000);
        Checks.range("maxCachedBytesPerQueue", maxCachedBytes, 1, Long.MAX_VALUE);
        Checks.positive("consumeTimeout", consumeTimeout);
        Checks.range("maxReconsumeTimes", maxReconsumeTimes, -1, MAX_RECONSUME_TIMES_LIMIT);
        Checks.positive("orderlyRetryDelay", orderlyRetryDelay);
        Checks.present("allocationStrategy", allocation);
        Checks.positive("rebalanceInterval", rebalanceInterval);
        Checks.positive("offsetCommitInterval", offsetCommitInterval);
        Checks.positive("relockInterval", relockInterval);
        Checks.positive("longPolling", longPolling);
        Checks.positive("shutdownTimeout", shutdownTimeout);
        if (relockInterval.compareTo(OrderlyLocks.CLIENT_LOCK_TTL) >= 0) {
            throw new MqClientException("relockInterval must be shorter than the lock's time to live ("
                    + OrderlyLocks.CLIENT_LOCK_TTL.toSeconds() + " s), got " + relockInterval);
        }
    }

    /** Whether the listener is orderly. */
    public boolean orderly() {
        return orderlyListener != null;
    }

    /** Whether the group is clustering (not broadcasting). */
    public boolean clustering() {
        return messageModel == MessageModel.CLUSTERING;
    }

    /** The effective retry limit: as set, or 16 (concurrent) / unlimited (orderly). */
    public int effectiveMaxReconsumeTimes() {
        if (maxReconsumeTimes >= 0) {
            return maxReconsumeTimes;
        }
        return orderly() ? Integer.MAX_VALUE : 16;
    }
}
