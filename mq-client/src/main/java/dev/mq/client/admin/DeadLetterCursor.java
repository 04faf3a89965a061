package dev.mq.client.admin;

import java.util.Map;

/**
 * Where the next page of dead letters starts: the next queue offset per broker holding the group's
 * dead-letter queue. Obtained from {@link DeadLetterPage#next()}; {@link #FIRST} starts at the
 * oldest dead letter of every broker.
 *
 * @param nextOffsets next queue offset by broker name; a broker not listed starts at its oldest
 */
public record DeadLetterCursor(Map<String, Long> nextOffsets) {

    /** The first page. */
    public static final DeadLetterCursor FIRST = new DeadLetterCursor(Map.of());

    /** Makes the map an unmodifiable copy. */
    public DeadLetterCursor {
        nextOffsets = Map.copyOf(nextOffsets);
    }
}
