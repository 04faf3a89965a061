package dev.mq.spring.transaction;

import dev.mq.client.LocalTransactionState;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.TransactionChecker;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Answers the broker's check-back for a send bound to a database transaction, by looking for its row
 * in the {@link BoundSendTable}:
 * <ul>
 *   <li>the row is there: the database transaction committed, so the message is committed;</li>
 *   <li>no row, and the half message is older than the grace period: the database transaction rolled
 *       back (or the process died before it committed), so the message is rolled back;</li>
 *   <li>no row yet, and the half message is younger: the database transaction may still be running
 *       (its row is not visible to other connections before it commits), so the answer is UNKNOWN
 *       and the broker asks again later.</li>
 * </ul>
 * The grace period must be longer than any database transaction that sends: a transaction still
 * running when its message is rolled back would commit its data without its message. The age of the
 * half message is measured from its born time (the sender's clock) to this checker's clock.
 *
 * <p>A failure to read the table (the database is down) is thrown: the client answers UNKNOWN and
 * the broker asks again later. Not final, so that an application may decorate it (metrics, say).
 */
public class BoundSendChecker implements TransactionChecker {

    private final BoundSendTable table;
    private final Duration grace;
    private final Clock clock;

    /**
     * A checker of rows in {@code table}.
     *
     * @param grace how old a half message without a row must be before it is rolled back
     * @param clock the clock the age is measured with
     */
    public BoundSendChecker(BoundSendTable table, Duration grace, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the grace period must be positive, got " + grace);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LocalTransactionState check(ReceivedMessage message) {
        if (table.contains(message.messageId())) {
            return LocalTransactionState.COMMIT;
        }
        Duration age = Duration.between(message.bornTimestamp(), clock.instant());
        return age.compareTo(grace) > 0 ? LocalTransactionState.ROLLBACK : LocalTransactionState.UNKNOWN;
    }

    @Override
    public String toString() {
        return "BoundSendChecker[" + table.name() + ", grace " + grace + "]";
    }
}
