package dev.mq.store.internal;

import java.util.List;
import java.util.Map;

/**
 * Where every consume queue began and ended when the store was last closed gracefully, written
 * after the final checkpoint ({@code queue-ends.json}). A graceful restart takes the queues from
 * here instead of listing and scanning their files; each queue is opened on first use and checked
 * against the entries around its end ({@link ConsumeQueue#openAt}).
 *
 * <p>Only valid for the commit log it was written with: the next open uses it only when there is
 * no abort marker, the checkpoint says everything up to {@code commitLogEnd} was flushed and
 * dispatched, and recovery finds the log ending there.
 *
 * @param commitLogEnd       the end of the commit log at the close
 * @param commitLogMinOffset the commit log's first offset at the close (retention had moved every
 *                           queue's minimum past the entries below it)
 * @param queues             per topic, one {@code [queueId, minOffset, maxOffset]} per queue
 */
public record QueueEnds(long commitLogEnd, long commitLogMinOffset, Map<String, List<long[]>> queues) {

    /** Whether a store closed at {@code checkpoint} left this document. */
    public boolean matches(Checkpoint checkpoint) {
        return checkpoint != null && checkpoint.commitLogFlushed() == commitLogEnd
                && checkpoint.dispatched() == commitLogEnd && queues != null;
    }
}
