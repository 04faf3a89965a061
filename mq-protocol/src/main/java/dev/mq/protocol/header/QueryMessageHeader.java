package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.KEY;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of QUERY_MESSAGE (12): messages of a topic by key, or by unique key, stored within a
 * time range ({@code remoting-protocol.md} section 3.9). The answer is a
 * {@link QueryMessageResponseHeader} with the messages as body, or QUERY_NOT_FOUND (22).
 *
 * @param topic          {@code topic}, R: the topic searched
 * @param key            {@code key}, R: the key (a KEYS entry, or a UNIQ_KEY with {@code uniqueKeyQuery})
 * @param maxNum         {@code maxNum}, R: at most this many messages (our broker also caps it at 64)
 * @param beginTimestamp {@code beginTimestamp}, R: store time in ms the range starts at
 * @param endTimestamp   {@code endTimestamp}, R: store time in ms the range ends at
 * @param uniqueKeyQuery {@code _UNIQUE_KEY_QUERY}, o: the key is a UNIQ_KEY; as our broker reads it, only
 *                       the exact text {@code true} means so, and absent reads as false
 */
public record QueryMessageHeader(String topic, String key, int maxNum, long beginTimestamp, long endTimestamp,
                                 boolean uniqueKeyQuery) implements CommandHeader {

    private static final String MAX_NUM = "maxNum";
    private static final String BEGIN_TIMESTAMP = "beginTimestamp";
    private static final String END_TIMESTAMP = "endTimestamp";
    private static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";

    /** Reads the header of a QUERY_MESSAGE request. */
    public static QueryMessageHeader read(RemotingCommand request) {
        return new QueryMessageHeader(
                request.requireExt(TOPIC),
                request.requireExt(KEY),
                request.requireExtInt(MAX_NUM),
                request.requireExtLong(BEGIN_TIMESTAMP),
                request.requireExtLong(END_TIMESTAMP),
                "true".equals(request.ext(UNIQUE_KEY_QUERY)));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(KEY, key)
                .putExt(MAX_NUM, maxNum)
                .putExt(BEGIN_TIMESTAMP, beginTimestamp)
                .putExt(END_TIMESTAMP, endTimestamp)
                .putExt(UNIQUE_KEY_QUERY, uniqueKeyQuery);
    }
}
