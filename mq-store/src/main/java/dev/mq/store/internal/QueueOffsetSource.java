package dev.mq.store.internal;

/** Where the writer learns the next queue offset of a queue it has not written to yet. */
@FunctionalInterface
public interface QueueOffsetSource {

    /** The next queue offset to assign in {@code topic}/{@code queueId} (0 for a new queue). */
    long nextOffset(String topic, int queueId);
}
