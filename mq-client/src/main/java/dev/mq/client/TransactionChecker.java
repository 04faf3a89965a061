package dev.mq.client;

/**
 * Answers the broker's check-back for a transactional message whose outcome the broker does not know
 * yet (the local transaction said UNKNOWN, threw, or its answer was lost, e.g. in a broker restart).
 * Called on a client callback thread, never on a network I/O thread; it may block briefly.
 */
@FunctionalInterface
public interface TransactionChecker {

    /**
     * Decides the outcome of a transaction.
     *
     * @param message the half message as stored (its {@link ReceivedMessage#messageId()} is the
     *                transaction id)
     * @return the outcome; {@link LocalTransactionState#UNKNOWN} makes the broker ask again later
     * @throws Exception any failure: answered as UNKNOWN
     */
    LocalTransactionState check(ReceivedMessage message) throws Exception;
}
