package dev.mq.store;

/** Outcome of an append. */
public enum AppendStatus {
    /** Stored (and, with {@link FlushMode#SYNC}, forced to the device). */
    OK(true),
    /** Stored, but the SYNC flush did not confirm within the timeout; the record is in the log. */
    FLUSH_DISK_TIMEOUT(true),
    /** The body is larger than the configured maximum message size; nothing was stored. */
    MESSAGE_TOO_LARGE(false),
    /** The topic or properties do not fit the record layout (too long or empty); nothing was stored. */
    MESSAGE_ILLEGAL(false),
    /** Disk usage is above the configured reject ratio; nothing was stored. */
    DISK_FULL(false),
    /** Too many appends are waiting for the writer; nothing was stored, try again later. */
    BUSY(false),
    /** The store is closed or closing; nothing was stored. */
    STORE_CLOSED(false),
    /** An I/O failure stopped the writer; nothing was stored and the store refuses further writes. */
    IO_ERROR(false);

    private final boolean stored;

    AppendStatus(boolean stored) {
        this.stored = stored;
    }

    /** Whether the record is in the commit log. */
    public boolean isStored() {
        return stored;
    }
}
