package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MessageQueue;
import dev.mq.message.TopicNames;

import java.time.Instant;

/**
 * Where a consumer starts in a newly assigned queue: at the stored offset when there is one, else
 * where the consume-from policy says (the last offset, the first, or the first at a point in time);
 * retry topics without a stored offset start at 0, so that no retry is missed.
 */
final class StartOffsets {

    private final ConsumerRequests requests;
    private final OffsetStore store;
    private final ConsumeFrom from;
    private final Instant timestamp;

    StartOffsets(ConsumerRequests requests, OffsetStore store, ConsumeFrom from, Instant timestamp) {
        this.requests = requests;
        this.store = store;
        this.from = from;
        this.timestamp = timestamp;
    }

    /**
     * The offset to start {@code queue} at.
     *
     * @throws dev.mq.client.MqException when a broker cannot tell (the queue is tried again later)
     */
    long startOffset(MessageQueue queue) {
        long stored = store.read(queue);
        if (stored >= 0) {
            return stored;
        }
        if (TopicNames.isRetry(queue.topic())) {
            return 0;
        }
        return byPolicy(queue);
    }

    /** Where the policy says, ignoring any stored offset. */
    long byPolicy(MessageQueue queue) {
        return switch (from) {
            case LAST_OFFSET -> requests.maxOffset(queue);
            case FIRST_OFFSET -> requests.minOffset(queue);
            case TIMESTAMP -> requests.offsetAt(queue, timestamp.toEpochMilli());
        };
    }
}
