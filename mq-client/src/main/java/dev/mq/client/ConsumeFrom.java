package dev.mq.client;

/**
 * Where a consumer starts in a queue for which its group has no committed offset yet (a new group,
 * or a queue added to a topic). A queue with a committed offset always continues from it.
 */
public enum ConsumeFrom {

    /**
     * After the last message stored when the queue is first assigned: only new messages. The
     * default. (A queue whose first message is still stored counts as new: the broker then answers
     * offset 0, as Apache RocketMQ does, so a young topic is read from its beginning.)
     */
    LAST_OFFSET,

    /** From the oldest message still stored. */
    FIRST_OFFSET,

    /** From the first message stored at or after a point in time (default: 30 minutes before start). */
    TIMESTAMP
}
