package dev.mq.spring.idempotency;

import java.time.Duration;

/**
 * Remembers which message keys a consumer group has processed, so a duplicate delivery is
 * acknowledged without running the listener again, and holds a key while one consumer works on
 * it, so a concurrent duplicate never runs beside it.
 *
 * <p>The listener container calls {@link #claim} before an invocation, then {@link #complete}
 * when it succeeded or {@link #release} when it failed. A store whose state lives in the
 * application's database ({@link #completesInCallerTransaction()}) marks the key processed inside
 * the caller's Spring transaction: the container then runs a {@code @Transactional} listener
 * method and {@code complete} in one transaction, so the mark commits or rolls back with the
 * method's own writes. {@code claim} and {@code release} always take effect on their own.
 *
 * <p>Implementations are thread-safe.
 */
public interface IdempotencyStore {

    /**
     * Tries to take {@code key} for {@code group} for at most {@code lease}; a claim older than its
     * lease (its holder died or hangs) may be taken over.
     */
    Claim claim(String group, String key, Duration lease);

    /**
     * Marks the key of an {@link Claim.Status#ACQUIRED acquired} claim processed, remembered for
     * {@code ttl}. Does nothing if the claim was meanwhile taken over by another holder.
     */
    void complete(Claim claim, Duration ttl);

    /** Gives up an acquired claim after a failed attempt, so the broker's retry runs again. */
    void release(Claim claim);

    /** Whether {@link #complete} joins the caller's Spring-managed transaction. */
    default boolean completesInCallerTransaction() {
        return false;
    }
}
