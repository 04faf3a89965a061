package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of a successful QUERY_MESSAGE (12) answer ({@code remoting-protocol.md} section 3.9).
 *
 * @param indexLastUpdateTimestamp {@code indexLastUpdateTimestamp}, R: when the broker's index was last
 *                                 updated, in ms
 * @param indexLastUpdatePhyoffset {@code indexLastUpdatePhyoffset}, R: the commit-log offset the index
 *                                 covers up to
 */
public record QueryMessageResponseHeader(long indexLastUpdateTimestamp, long indexLastUpdatePhyoffset)
        implements CommandHeader {

    private static final String INDEX_LAST_UPDATE_TIMESTAMP = "indexLastUpdateTimestamp";
    private static final String INDEX_LAST_UPDATE_PHYOFFSET = "indexLastUpdatePhyoffset";

    /** Reads the header of a successful QUERY_MESSAGE answer. */
    public static QueryMessageResponseHeader read(RemotingCommand response) {
        return new QueryMessageResponseHeader(
                response.requireExtLong(INDEX_LAST_UPDATE_TIMESTAMP),
                response.requireExtLong(INDEX_LAST_UPDATE_PHYOFFSET));
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(INDEX_LAST_UPDATE_TIMESTAMP, indexLastUpdateTimestamp)
                .putExt(INDEX_LAST_UPDATE_PHYOFFSET, indexLastUpdatePhyoffset);
    }
}
