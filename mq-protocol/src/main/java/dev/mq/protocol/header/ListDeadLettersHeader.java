package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.GROUP;
import static dev.mq.protocol.header.ExtFields.OFFSET;

/**
 * The header of LIST_DEAD_LETTERS (10001, dev.mq extension, admin to broker): one page of a
 * consumer group's dead-letter queue ({@code docs/admin-extensions.md}). The answer is a JSON body.
 *
 * @param group    {@code group}, R: the consumer group whose {@code %DLQ%} queue is listed
 * @param offset   {@code offset}, o: the first queue offset to list, or null for the oldest still stored
 * @param maxCount {@code maxCount}, o: page size, 1-1000 (the broker refuses others); {@code read}
 *                 defaults it to {@value #DEFAULT_MAX_COUNT} as our broker does
 */
public record ListDeadLettersHeader(String group, Long offset, int maxCount) implements CommandHeader {

    /** The page size when the request does not say. */
    public static final int DEFAULT_MAX_COUNT = 32;

    private static final String MAX_COUNT = "maxCount";

    /** Reads the header of a LIST_DEAD_LETTERS request. */
    public static ListDeadLettersHeader read(RemotingCommand request) {
        String group = request.requireExt(GROUP);
        Integer maxCount = request.extInt(MAX_COUNT);
        return new ListDeadLettersHeader(group, request.extLong(OFFSET),
                maxCount == null ? DEFAULT_MAX_COUNT : maxCount);
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(GROUP, group)
                .putExt(OFFSET, offset)
                .putExt(MAX_COUNT, maxCount);
    }
}
