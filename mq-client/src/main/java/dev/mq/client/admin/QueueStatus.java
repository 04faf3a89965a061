package dev.mq.client.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * One queue of a topic: the offsets it holds and when it last stored a message.
 *
 * @param queue         the queue
 * @param minOffset     offset of the oldest message still stored
 * @param maxOffset     offset the next message will get
 * @param lastStoreTime store time of the newest message; empty for a queue that never held one
 */
public record QueueStatus(QueueRef queue, long minOffset, long maxOffset, Optional<Instant> lastStoreTime) {

    /** Messages stored now: {@code maxOffset - minOffset}, never negative. */
    public long messages() {
        return Math.max(0, maxOffset - minOffset);
    }
}
