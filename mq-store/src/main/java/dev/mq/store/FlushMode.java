package dev.mq.store;

/** When appended records are forced to the device. */
public enum FlushMode {
    /**
     * An append completes once the record is in the page cache; a background service flushes at
     * an interval. A process crash loses nothing; a machine crash may lose the last interval.
     */
    ASYNC,
    /**
     * An append completes only after the record has been forced to the device (group commit:
     * one force covers every record written meanwhile).
     */
    SYNC
}
