package dev.mq.store;

/** Which queue offset a time lookup returns when several messages share or straddle the time. */
public enum BoundaryType {
    /** The first message stored at or after the time (the queue's max offset if none). */
    LOWER,
    /** The last message stored at or before the time (the queue's min offset if none). */
    UPPER
}
