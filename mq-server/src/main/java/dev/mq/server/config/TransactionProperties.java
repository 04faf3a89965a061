package dev.mq.server.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code mq.broker.transaction.*}: how the broker checks open transactions. Defaults are Apache
 * RocketMQ's ({@code transactionTimeOut}, {@code transactionCheckInterval}, {@code transactionCheckMax}).
 *
 * @param timeout       a half message younger than this is not checked yet (6s); a message may ask
 *                      for another time with its CHECK_IMMUNITY_TIME_IN_SECONDS property
 * @param checkInterval how often the broker checks open halves with their producers (30s)
 * @param maxChecks     checks of one half before the broker gives up and moves it to
 *                      TRANS_CHECK_MAX_TIME_TOPIC (15)
 */
public record TransactionProperties(@DefaultValue("6s") Duration timeout,
                                    @DefaultValue("30s") Duration checkInterval,
                                    @DefaultValue("15") int maxChecks) {

    public TransactionProperties {
        Checks.positive("mq.broker.transaction.timeout", timeout);
        Checks.positive("mq.broker.transaction.check-interval", checkInterval);
        Checks.atLeast("mq.broker.transaction.max-checks", maxChecks, 1);
    }

    /** The defaults, as bound when no {@code mq.broker.transaction.*} property is set. */
    public static TransactionProperties defaults() {
        return new TransactionProperties(Duration.ofSeconds(6), Duration.ofSeconds(30), 15);
    }
}
