package dev.mq.client;

/**
 * The local transaction of one transactional send, run after the half message is stored and before
 * the producer tells the broker to commit or roll it back.
 */
@FunctionalInterface
public interface LocalTransaction {

    /**
     * Runs the local transaction.
     *
     * @param half where the half message was stored; {@link SendResult#messageId()} is the transaction id
     * @return the outcome; {@link LocalTransactionState#UNKNOWN} leaves the decision to the
     *         producer group's {@link TransactionChecker}
     * @throws Exception any failure: the transaction is reported as UNKNOWN (the checker decides
     *                   later) and the exception reaches the caller of the send
     */
    LocalTransactionState execute(SendResult half) throws Exception;
}
