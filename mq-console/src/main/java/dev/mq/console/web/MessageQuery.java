package dev.mq.console.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One message search as the {@code /messages} forms send it: by topic and key, by topic and id, or
 * by topic and time range.
 *
 * @param by    which search
 * @param topic the topic (every search needs one: brokers index messages per topic)
 * @param key   the key searched by {@link By#KEY}, else null
 * @param id    the message id or offset message id searched by {@link By#ID}, else null
 * @param from  start of the store-time range (key and time searches)
 * @param to    end of the store-time range, inclusive
 * @param max   most messages a time search returns
 */
public record MessageQuery(By by, String topic, String key, String id, Instant from, Instant to, int max) {

    /** Messages a time search returns unless {@code max} says otherwise. */
    static final int DEFAULT_MAX = 100;
    /** Most messages a time search may return on a page. */
    static final int MAX = 2000;
    /** The range of a time search without {@code from}: the last hour. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    /** Which search. */
    public enum By {
        /** A {@code KEYS} entry. */
        KEY,
        /** A message id ({@code UNIQ_KEY}) or an offset message id. */
        ID,
        /** Store time. */
        TIME
    }

    /**
     * Reads the forms' parameters; empty when no search was asked for ({@code by} absent).
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    static Optional<MessageQuery> from(String by, String topic, String key, String id, String from, String to,
                                       Integer max, Clock clock) {
        if (by == null || by.isBlank()) {
            return Optional.empty();
        }
        By kind;
        try {
            kind = By.valueOf(by.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("by must be key, id or time, not '" + by + "'", e);
        }
        String theTopic = required("topic", topic);
        Instant now = clock.instant();
        return Optional.of(switch (kind) {
            case KEY -> {
                Instant end = ConsoleTimes.parse("to", to, now.plusSeconds(60));
                yield new MessageQuery(kind, theTopic, required("key", key), null,
                        range(ConsoleTimes.parse("from", from, Instant.EPOCH), end), end, 0);
            }
            case ID -> new MessageQuery(kind, theTopic, null, required("id", id), Instant.EPOCH, now, 0);
            case TIME -> {
                Instant end = ConsoleTimes.parse("to", to, now);
                int limit = max == null ? DEFAULT_MAX : max;
                if (limit < 1 || limit > MAX) {
                    throw new IllegalArgumentException("max must be 1.." + MAX + ", not " + limit);
                }
                yield new MessageQuery(kind, theTopic, null, null,
                        range(ConsoleTimes.parse("from", from, end.minus(DEFAULT_RANGE)), end), end, limit);
            }
        });
    }

    private static Instant range(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        return from;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for this search");
        }
        return value.strip();
    }
}
