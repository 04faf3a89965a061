package dev.mq.console.web;

import dev.mq.client.admin.DeadLetterCursor;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dead-letter cursor as a query parameter: {@code broker-a:12,broker-b:3} (next queue offset per
 * broker), so paging is a plain link and needs no session.
 */
final class DeadLetterCursors {

    private static final Pattern BROKER = Pattern.compile("[A-Za-z0-9_.-]{1,127}");

    private DeadLetterCursors() {
    }

    /** The parameter value of {@code cursor}; empty for the first page. */
    static String encode(DeadLetterCursor cursor) {
        return new TreeMap<>(cursor.nextOffsets()).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /**
     * Reads a parameter made by {@link #encode}; null or blank is the first page.
     *
     * @throws IllegalArgumentException when it is not {@code broker:offset,...}
     */
    static DeadLetterCursor decode(String value) {
        if (value == null || value.isBlank()) {
            return DeadLetterCursor.FIRST;
        }
        Map<String, Long> offsets = new TreeMap<>();
        for (String part : value.split(",")) {
            int colon = part.lastIndexOf(':');
            String broker = colon < 0 ? "" : part.substring(0, colon);
            if (!BROKER.matcher(broker).matches()) {
                throw new IllegalArgumentException("the page cursor '" + value
                        + "' is not broker:offset,...; follow the page links instead of editing it");
            }
            long offset;
            try {
                offset = Long.parseLong(part.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the page cursor '" + value + "' has a bad offset for " + broker, e);
            }
            if (offset < 0) {
                throw new IllegalArgumentException("the page cursor '" + value + "' has a negative offset for " + broker);
            }
            offsets.put(broker, offset);
        }
        return new DeadLetterCursor(offsets);
    }
}
