package dev.mq.store;

/**
 * Result of an append of one record or of a batch of records.
 *
 * @param status          what happened; the other fields are meaningful only if {@link AppendStatus#isStored()}
 * @param commitLogOffset commit-log offset of the first record
 * @param size            bytes written for all records
 * @param storeTimestamp  store timestamp of the first record, epoch ms
 * @param queueOffset     queue offset of the first record; the others follow consecutively
 * @param recordOffsets   commit-log offset of each record, in order (one element for a single append)
 * @param detail          a sentence for a person when the append was refused, else null
 */
public record AppendResult(AppendStatus status, long commitLogOffset, int size, long storeTimestamp, long queueOffset,
                           long[] recordOffsets, String detail) {

    private static final long[] NONE = new long[0];

    /** A refused append. */
    public static AppendResult refused(AppendStatus status, String detail) {
        return new AppendResult(status, -1, 0, 0, -1, NONE, detail);
    }

    /** The same stored result with another status (used for flush timeouts). */
    public AppendResult withStatus(AppendStatus newStatus) {
        return new AppendResult(newStatus, commitLogOffset, size, storeTimestamp, queueOffset, recordOffsets, detail);
    }

    /** Number of records written. */
    public int messageCount() {
        return recordOffsets.length;
    }
}
