package dev.mq.spring.autoconfigure;

import org.springframework.validation.Errors;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Checks of bound settings, reported as field errors: Spring Boot then stops the start with the
 * property's full name, its value and the reason.
 */
final class Checks {

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Errors errors;

    Checks(Errors errors) {
        this.errors = errors;
    }

    void notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            reject(field, "must not be empty");
        }
    }

    void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            reject(field, "must be a positive duration, got " + value);
        }
    }

    void atLeast(String field, int value, int min) {
        if (value < min) {
            reject(field, "must be at least " + min + ", got " + value);
        }
    }

    void between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            reject(field, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    void oneOf(String field, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            reject(field, "must be one of " + String.join(", ", allowed) + ", got " + value);
        }
    }

    void sqlName(String field, String value) {
        if (value == null || !SQL_NAME.matcher(value).matches()) {
            reject(field, "must be a plain SQL name (letters, digits, '_'), got " + value);
        }
    }

    private void reject(String field, String message) {
        errors.rejectValue(field, "mq.invalid", message);
    }
}
