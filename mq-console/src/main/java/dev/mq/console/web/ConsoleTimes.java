package dev.mq.console.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Times in the console's forms: UTC, as a browser's {@code datetime-local} field sends them
 * ({@code 2026-12-06T10:15} or with seconds), or as an ISO instant ({@code 2026-12-06T10:15:00Z}).
 */
final class ConsoleTimes {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ConsoleTimes() {
    }

    /**
     * Reads a form field; null or blank gives {@code otherwise}.
     *
     * @throws IllegalArgumentException naming the field when the value is not a time
     */
    static Instant parse(String field, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String text = value.strip();
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a UTC time like 2026-12-06T10:15:00, not '" + value + "'",
                    e);
        }
    }

    /** The value of a {@code datetime-local} field showing {@code time} (UTC, whole seconds). */
    static String field(Instant time) {
        return FIELD.format(LocalDateTime.ofInstant(time.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }
}
