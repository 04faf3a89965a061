package dev.mq.client;

import dev.mq.client.internal.producer.TransactionSupport;

import java.util.Objects;

/**
 * A half message the broker stores but keeps from consumers until this transaction is ended: made by
 * {@link TransactionalProducer#prepare(Message)}. {@link #commit()} delivers the message,
 * {@link #rollback()} discards it; each tells the broker that stored it (END_TRANSACTION, oneway, as
 * {@link TransactionalProducer#send(Message, LocalTransaction)} does). A transaction never ended is
 * decided by the producer group's {@link TransactionChecker} when the broker checks back.
 *
 * <p>Ending is idempotent: repeating the outcome already told does nothing; repeating it after the
 * broker could not be told tries again; asking for the other outcome fails. Thread-safe.
 */
public final class PreparedTransaction {

    private final SendResult half;
    private final TransactionSupport support;
    private LocalTransactionState outcome;
    private boolean told;

    PreparedTransaction(SendResult half, TransactionSupport support) {
        this.half = Objects.requireNonNull(half, "half");
        this.support = Objects.requireNonNull(support, "support");
    }

    /** Where the half message was stored (its queue offset is in the half queue). */
    public SendResult half() {
        return half;
    }

    /** The transaction id the broker knows the message by (its message id); what the checker is asked about. */
    public String transactionId() {
        return half.messageId();
    }

    /**
     * What was decided so far: {@link LocalTransactionState#UNKNOWN} until {@link #commit()} or
     * {@link #rollback()} is called (whether or not the broker could be told).
     */
    public synchronized LocalTransactionState outcome() {
        return outcome == null ? LocalTransactionState.UNKNOWN : outcome;
    }

    /**
     * Commits the message: consumers receive it.
     *
     * @throws IllegalStateException if the transaction was rolled back
     * @throws MqException when the broker could not be told (it checks back later; calling again retries)
     */
    public void commit() {
        end(LocalTransactionState.COMMIT);
    }

    /**
     * Rolls the message back: no consumer ever receives it.
     *
     * @throws IllegalStateException if the transaction was committed
     * @throws MqException when the broker could not be told (it checks back later; calling again retries)
     */
    public void rollback() {
        end(LocalTransactionState.ROLLBACK);
    }

    private synchronized void end(LocalTransactionState state) {
        if (outcome != null && outcome != state) {
            throw new IllegalStateException("transaction " + transactionId() + " was already ended with " + outcome
                    + "; it cannot be ended with " + state);
        }
        outcome = state;
        if (!told) {
            support.end(half, state, null);
            told = true;
        }
    }

    @Override
    public String toString() {
        return "PreparedTransaction[" + transactionId() + ", " + outcome() + "]";
    }
}
