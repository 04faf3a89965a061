package dev.mq.client;

/**
 * The outcome of a transactional send: the stored half message, and what the local transaction
 * decided (which the producer already told the broker).
 *
 * @param half          where the half message was stored (its queue offset is in the half queue)
 * @param transactionId the transaction id the broker knows the message by (the message id)
 * @param localState    what the local transaction returned; {@link LocalTransactionState#ROLLBACK}
 *                      without running it when the half message was not stored with
 *                      {@link SendStatus#SEND_OK}
 */
public record TransactionSendResult(SendResult half, String transactionId, LocalTransactionState localState) {
}
