package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.QueueAllocationStrategy;
import dev.mq.client.internal.producer.ProducerSettings;

import java.time.Duration;
import java.time.Instant;

/**
 * Validated settings of one pull consumer ({@code PullConsumer.Builder} fills them).
 *
 * @param group              the consumer group (offsets are kept for it)
 * @param consumeFrom        where a queue without a committed offset starts
 * @param consumeTimestamp   for {@link ConsumeFrom#TIMESTAMP}: the point in time
 * @param autoCommit         whether positions are committed every {@code autoCommitInterval} by
 *                           {@code poll} and at close
 * @param autoCommitInterval how often
 * @param maxPollMessages    most messages one poll returns
 * @param pullBatchSize      most messages per pull
 * @param maxCachedMessages  per queue: no pulls while this many fetched messages wait for a poll
 * @param maxCachedBytes     per queue: ... or this many body bytes
 * @param allocation         subscribe mode: which queues this consumer takes
 * @param rebalanceInterval  subscribe mode: how often queues are re-allocated
 * @param longPolling        how long a broker may hold a pull that finds nothing
 */
public record PullConsumerSettings(String group, ConsumeFrom consumeFrom, Instant consumeTimestamp, boolean autoCommit,
                                   Duration autoCommitInterval, int maxPollMessages, int pullBatchSize,
                                   int maxCachedMessages, long maxCachedBytes, QueueAllocationStrategy allocation,
                                   Duration rebalanceInterval, Duration longPolling) {

    /** Checks every value; the first bad one fails naming the setting. */
    public PullConsumerSettings {
        ProducerSettings.checkGroup(group);
        Checks.present("consumeFrom", consumeFrom);
        if (consumeFrom == ConsumeFrom.TIMESTAMP) {
            Checks.present("consumeFromTimestamp", consumeTimestamp);
        }
        Checks.positive("autoCommitInterval", autoCommitInterval);
        Checks.range("maxPollMessages", maxPollMessages, 1, 100_000);
        Checks.range("pullBatchSize", pullBatchSize, 1, 1024);
        Checks.range("maxCachedMessagesPerQueue", maxCachedMessages, 1, 1_000_000);
        Checks.range("maxCachedBytesPerQueue", maxCachedBytes, 1, Long.MAX_VALUE);
        Checks.present("allocationStrategy", allocation);
        Checks.positive("rebalanceInterval", rebalanceInterval);
        Checks.positive("longPolling", longPolling);
    }
}
