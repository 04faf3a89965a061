package dev.mq.spring.idempotency;

import java.time.Duration;

/** Argument checks the shared stores make before they touch their database. */
final class ClaimChecks {

    private ClaimChecks() {
    }

    static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + duration);
        }
    }

    static void requireAcquired(Claim claim) {
        if (claim == null || !claim.acquired()) {
            throw new IllegalArgumentException("only an acquired claim can be completed or released: " + claim);
        }
    }

    /** The duration in whole milliseconds, at most {@code max}. */
    static long millisUpTo(Duration duration, long max) {
        return duration.compareTo(Duration.ofMillis(max)) >= 0 ? max : duration.toMillis();
    }
}
