package dev.mq.spring.transaction;

import dev.mq.client.Message;
import dev.mq.client.MqException;
import dev.mq.client.PreparedTransaction;
import dev.mq.client.SendResult;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Sends bound to a Spring transaction on a JDBC {@link DataSource}: published if and only if the
 * database transaction commits, with no outbox poller.
 *
 * <p>{@link #send} needs an active transaction that holds a connection of the DataSource (a
 * {@code DataSourceTransactionManager}, or a JPA one that exposes its connection). It sends the half
 * message at once through the group's bound-send producer ({@link BoundSendProducers}), inserts a row
 * for it into the {@link BoundSendTable} in that transaction, and registers a
 * {@link BoundSendSynchronization} that commits the message after the database commit and rolls it
 * back after a rollback. If the process dies in between, the broker's check-back reaches a producer of
 * the same group in another (or the restarted) process, whose {@link BoundSendChecker} finds the row
 * and commits, or finds none and rolls back once the grace period has passed.
 *
 * <p>When the application's singletons are ready, the producers of the application's own group and
 * of every group that has rows start, so that check-backs are answered before the first send.
 */
public class DataSourceTransactionBoundSender implements TransactionBoundSender, SmartInitializingSingleton,
        AutoCloseable {

    private final DataSource dataSource;
    private final BoundSendTable table;
    private final BoundSendProducers producers;
    private final Clock clock;
    private final List<String> startupGroups;

    /**
     * A sender whose rows go to {@code table}, which must use {@code dataSource}.
     *
     * @param startupGroups producer groups whose check-backs are answered from start-up on (the
     *                      application's default group), besides the groups found in the table
     * @param clock         gives the rows' creation time
     */
    public DataSourceTransactionBoundSender(DataSource dataSource, BoundSendTable table, BoundSendProducers producers,
                                            Clock clock, List<String> startupGroups) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        this.producers = Objects.requireNonNull(producers, "producers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startupGroups = List.copyOf(startupGroups);
    }

    /**
     * Starts the producers of the start-up groups and of the groups that have rows.
     *
     * @throws IllegalStateException when the table is missing (it was not created at start-up)
     */
    @Override
    public void afterSingletonsInstantiated() {
        Set<String> groups = new LinkedHashSet<>(startupGroups);
        try {
            groups.addAll(table.producerGroups());
        } catch (BadSqlGrammarException e) {
            throw new IllegalStateException("cannot read the bound-send table " + table.name() + ": " + e.getMessage()
                    + ". Create it (see docs/spring.md, 'Transactions bound to the database') or set "
                    + "mq.transaction.initialize-schema=always", e);
        }
        groups.forEach(producers::forGroup);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException also when the active transaction does not hold a connection of this
     *                               sender's DataSource; nothing is sent then
     * @throws MqException           when the half message could not be sent; the transaction is not
     *                               touched (the caller decides whether it rolls back)
     * @throws org.springframework.dao.DataAccessException when the row could not be inserted; the half
     *                               message was rolled back
     */
    @Override
    public SendResult send(String producerGroup, Message message) {
        Objects.requireNonNull(producerGroup, "producerGroup");
        Objects.requireNonNull(message, "message");
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("sendInTransaction(destination, payload) needs an active Spring "
                    + "transaction (call it from a @Transactional method or a TransactionTemplate); none is active, "
                    + "so nothing was sent to " + message.topic());
        }
        if (TransactionSynchronizationManager.getResource(dataSource) == null) {
            throw new IllegalStateException("the active transaction holds no connection of the DataSource the "
                    + "bound-send table " + table.name() + " is in, so the row could not commit with it; use that "
                    + "DataSource's transaction manager. Nothing was sent to " + message.topic());
        }
        PreparedTransaction prepared = producers.forGroup(producerGroup).prepare(message);
        try {
            table.insert(prepared.transactionId(), producerGroup, clock.instant());
        } catch (RuntimeException e) {
            try {
                prepared.rollback();
            } catch (MqException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        TransactionSynchronizationManager.registerSynchronization(new BoundSendSynchronization(prepared));
        return prepared.half();
    }

    /** Closes the producers. Idempotent. */
    @Override
    public void close() {
        producers.close();
    }

    @Override
    public String toString() {
        return "DataSourceTransactionBoundSender[" + table.name() + "]";
    }
}
