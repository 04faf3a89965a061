package dev.mq.spring.idempotency;

import java.util.Objects;

/**
 * The outcome of {@link IdempotencyStore#claim}: the key, and whether this caller may process it.
 *
 * @param group  the consumer group
 * @param key    the idempotency key
 * @param status what the caller should do
 * @param token  identifies this holder's claim (checked by complete and release); null unless acquired
 */
public record Claim(String group, String key, Status status, String token) {

    public Claim {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if ((status == Status.ACQUIRED) != (token != null)) {
            throw new IllegalArgumentException("a claim has a token exactly when it is acquired: " + status);
        }
    }

    /** What a claim tells its caller. */
    public enum Status {
        /** The caller holds the key: process the message, then complete or release. */
        ACQUIRED,
        /** The key was processed already: acknowledge without processing. */
        ALREADY_PROCESSED,
        /** Another consumer holds a live claim: do not process now; let the broker redeliver later. */
        HELD_ELSEWHERE
    }

    public boolean acquired() {
        return status == Status.ACQUIRED;
    }
}
