package dev.mq.client.internal.consumer;

import java.time.Duration;

/**
 * How a consumer pulls.
 *
 * @param batchSize          most messages per pull
 * @param maxCachedMessages  a queue is not pulled while this many of its messages wait to be consumed
 * @param maxCachedBytes     ... or this many body bytes (may be exceeded by one pull's worth)
 * @param longPolling        how long a broker may hold a pull that finds nothing
 * @param pullTimeout        how long the client waits for a pull's answer (longer than {@code longPolling})
 * @param errorDelay         how long a queue waits after a failed pull
 * @param commitWithPull     whether pulls carry the queue's committable offset (push consumers in
 *                           clustering mode)
 */
record PullSettings(int batchSize, int maxCachedMessages, long maxCachedBytes, Duration longPolling,
                    Duration pullTimeout, Duration errorDelay, boolean commitWithPull) {
}
