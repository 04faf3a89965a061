package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MessageQueue;
import dev.mq.message.TopicNames;

import java.time.Instant;

/**
 * Where a consumer starts in a newly assigned queue: at the stored offset when there is one, else
 * where the consume-from policy says (the last offset, the first, or the first at a point in time);
 * retry topics without a stored offset start at 0, so that no retry is missed.
 *
 * <p>The last offset is asked for after the stored offset was found missing, and a message may be
 * stored in between: in a queue that was empty, its first messages would then be skipped although
 * they came after the consumer started. So when the last offset is not 0, the stored offset is
 * asked for once more: the broker answers 0 for a queue that still holds its first message.
 */
final class StartOffsets {

    /** The offsets of a queue the consume-from policy needs ({@link ConsumerRequests} asks the broker). */
    interface QueueOffsets {
        long maxOffset(MessageQueue queue);

        long minOffset(MessageQueue queue);

        long offsetAt(MessageQueue queue, long timestampMillis);
    }

    private final QueueOffsets requests;
    private final OffsetStore store;
    private final ConsumeFrom from;
    private final Instant timestamp;

    StartOffsets(QueueOffsets requests, OffsetStore store, ConsumeFrom from, Instant timestamp) {
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
        long start = byPolicy(queue);
        if (from == ConsumeFrom.LAST_OFFSET && start > 0) {
            long storedSince = store.read(queue);
            if (storedSince >= 0) {
                return storedSince;
            }
        }
        return start;
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
