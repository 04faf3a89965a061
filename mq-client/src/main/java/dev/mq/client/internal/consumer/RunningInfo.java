package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.protocol.body.RemotingJson;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of the answer to GET_CONSUMER_RUNNING_INFO, Apache's ConsumerRunningInfo as fastjson
 * writes it (admin tools read it with fastjson): {@code properties} (consume type, orderly, threads,
 * name servers, start time, ...), {@code subscriptionSet}, and {@code mqTable}, a map keyed by
 * queue objects (fastjson's non-standard object keys) of per-queue state: the committable offset,
 * the cached messages, the lock, the last pull and consume times. {@code statusTable} (rates) is
 * left empty: this client does not measure them.
 */
final class RunningInfo {

    /** One assigned queue's state. */
    record QueueState(MessageQueue queue, long commitOffset, long cachedMinOffset, long cachedMaxOffset, int cachedCount,
                      long cachedBytes, boolean locked, long lastLockMillis, long lastPullMillis,
                      long lastConsumeMillis) {

        static QueueState of(ProcessQueue queue) {
            long[] range = queue.cachedRange();
            return new QueueState(queue.queue(), queue.committableOffset(), range[0], range[1], queue.pendingCount(),
                    queue.pendingBytes(), queue.isLocked(), queue.lastLockMillis(), queue.lastPullMillis(),
                    queue.lastConsumeMillis());
        }
    }

    private RunningInfo() {
    }

    /**
     * The JSON body.
     *
     * @param properties    name to value (Apache's PROP_* names and any others)
     * @param subscriptions the consumer's subscriptions
     * @param queues        its assigned queues
     */
    static byte[] body(Map<String, String> properties, Collection<Subscription> subscriptions,
                       Collection<QueueState> queues) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"properties\":").append(text(new TreeMap<>(properties)));
        json.append(",\"subscriptionSet\":[");
        boolean first = true;
        for (Subscription subscription : subscriptions) {
            json.append(first ? "" : ",").append(text(subscription.toHeartbeat()));
            first = false;
        }
        json.append("],\"mqTable\":{");
        first = true;
        for (QueueState state : queues) {
            MessageQueue queue = state.queue();
            json.append(first ? "" : ",").append("{\"brokerName\":").append(text(queue.brokerName()))
                    .append(",\"queueId\":").append(queue.queueId())
                    .append(",\"topic\":").append(text(queue.topic())).append("}:{")
                    .append("\"commitOffset\":").append(state.commitOffset())
                    .append(",\"cachedMsgMinOffset\":").append(Math.max(0, state.cachedMinOffset()))
                    .append(",\"cachedMsgMaxOffset\":").append(Math.max(0, state.cachedMaxOffset()))
                    .append(",\"cachedMsgCount\":").append(state.cachedCount())
                    .append(",\"cachedMsgSizeInMiB\":").append(state.cachedBytes() / (1024 * 1024))
                    .append(",\"transactionMsgMinOffset\":0,\"transactionMsgMaxOffset\":0,\"transactionMsgCount\":0")
                    .append(",\"locked\":").append(state.locked())
                    .append(",\"tryUnlockTimes\":0")
                    .append(",\"lastLockTimestamp\":").append(state.lastLockMillis())
                    .append(",\"droped\":false")
                    .append(",\"lastPullTimestamp\":").append(state.lastPullMillis())
                    .append(",\"lastConsumeTimestamp\":").append(state.lastConsumeMillis())
                    .append('}');
            first = false;
        }
        json.append("},\"mqPopTable\":{},\"statusTable\":{},\"userConsumerInfo\":{}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        return new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }
}
