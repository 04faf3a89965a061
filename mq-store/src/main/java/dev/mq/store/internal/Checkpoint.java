package dev.mq.store.internal;

/**
 * What recovery may trust after a crash, written atomically after each consume-queue flush and at
 * shutdown.
 *
 * @param commitLogFlushed every commit-log byte below this offset was forced to the device
 * @param dispatched       every record below this offset has flushed consume-queue and index entries
 * @param timestamp        store clock when written, epoch ms
 */
public record Checkpoint(long commitLogFlushed, long dispatched, long timestamp) {

    /** Where recovery starts scanning and re-dispatching. */
    public long safeOffset() {
        return Math.min(commitLogFlushed, dispatched);
    }
}
