package dev.mq.store;

/** Outcome of a read from a queue. */
public enum GetMessageStatus {
    /** At least one message was returned. */
    FOUND,
    /** Entries were scanned but none matched the filter; continue from the next begin offset. */
    NO_MATCHED_MESSAGE,
    /** The queue does not exist in this store. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The queue exists but holds no entries. */
    NO_MESSAGE_IN_QUEUE,
    /** The requested offset is below the queue's minimum. */
    OFFSET_TOO_SMALL,
    /** The requested offset equals the queue's maximum: nothing new yet. */
    OFFSET_OVERFLOW_ONE,
    /** The requested offset is beyond the queue's maximum. */
    OFFSET_OVERFLOW_BADLY,
    /** The entries at the offset point to commit-log data that retention has already removed. */
    OFFSET_FOUND_NULL
}
