package dev.mq.client.internal.consumer;

import dev.mq.client.MqClientException;

import java.time.Duration;

/** Checks of consumer settings; the first bad one fails naming the setting. */
final class Checks {

    private Checks() {
    }

    static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new MqClientException(name + " must be a positive duration below 24 days, got " + value);
        }
    }

    static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new MqClientException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }

    static <T> T present(String name, T value) {
        if (value == null) {
            throw new MqClientException(name + " must be set");
        }
        return value;
    }
}
