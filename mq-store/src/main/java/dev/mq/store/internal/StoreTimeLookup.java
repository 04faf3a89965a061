package dev.mq.store.internal;

/**
 * Resolves the store timestamp of a commit-log record, so that a consume queue (which holds only
 * positions) can be searched by time.
 */
@FunctionalInterface
public interface StoreTimeLookup {

    /**
     * The store timestamp (milliseconds) of the record at {@code commitLogOffset}.
     *
     * @param commitLogOffset the record's first byte in the commit log
     * @param size            the record's length in bytes
     * @return the timestamp, or -1 if the record is no longer in the commit log
     */
    long storeTimestamp(long commitLogOffset, int size);
}
