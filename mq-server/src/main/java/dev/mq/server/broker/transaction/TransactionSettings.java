package dev.mq.server.broker.transaction;

import java.time.Duration;

/**
 * How the broker checks open transactions (the server binds it from {@code mq.broker.transaction.*}).
 *
 * @param timeout       a half younger than this is not checked (unless its CHECK_IMMUNITY_TIME_IN_SECONDS says otherwise)
 * @param checkInterval how often the checker looks at open halves
 * @param maxChecks     checks of one half before it is given up and moved to TRANS_CHECK_MAX_TIME_TOPIC
 */
public record TransactionSettings(Duration timeout, Duration checkInterval, int maxChecks) {

    public TransactionSettings {
        if (timeout == null || timeout.isNegative() || checkInterval == null || checkInterval.isZero()
                || checkInterval.isNegative() || maxChecks < 1) {
            throw new IllegalArgumentException("transaction settings need a timeout >= 0, a positive check interval "
                    + "and max checks >= 1 but were " + timeout + ", " + checkInterval + ", " + maxChecks);
        }
    }

    /** RocketMQ's defaults: 6 s, 30 s, 15 checks. */
    public static TransactionSettings defaults() {
        return new TransactionSettings(Duration.ofSeconds(6), Duration.ofSeconds(30), 15);
    }
}
