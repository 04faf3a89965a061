package dev.mq.server.config;

import java.time.Duration;

/** Validation used by the property records: each failure names the property and what is allowed. */
final class Checks {

    private Checks() {
    }

    static void port(String property, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a TCP port 0..65535 (0 = any free port) but was " + port);
        }
    }

    static void positive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be a positive duration such as 30s but was " + value);
        }
    }

    static void atLeast(String property, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(property + " must be at least " + min + " but was " + value);
        }
    }
}
