package dev.mq.spring;

/**
 * The result of {@link MqTemplate#sendInTransaction(String, Object, Object)}: where the half message was
 * stored, its transaction id and what the local transaction decided.
 *
 * @param messageId       the message id consumers see once it is committed
 * @param offsetMessageId the broker's id of the stored half message
 * @param topic           the topic sent to
 * @param brokerName      the broker group that stored it
 * @param queueId         the queue of the half message
 * @param queueOffset     its offset in the half queue
 * @param transactionId   the transaction id (the broker's check-backs name it)
 * @param localState      what {@link MqLocalTransaction#execute} returned
 */
public record TransactionSendResult(String messageId, String offsetMessageId, String topic, String brokerName,
                                    int queueId, long queueOffset, String transactionId, TransactionState localState) {

    /** The result of a client's transactional send. */
    public static TransactionSendResult of(dev.mq.client.TransactionSendResult sent) {
        dev.mq.client.SendResult half = sent.half();
        return new TransactionSendResult(half.messageId(), half.offsetMessageId(), half.topic(), half.brokerName(),
                half.queueId(), half.queueOffset(), sent.transactionId(), TransactionState.of(sent.localState()));
    }

    /** Where the half message was stored, as a plain {@link SendResult}. */
    public SendResult sendResult() {
        return new SendResult(messageId, offsetMessageId, topic, brokerName, queueId, queueOffset);
    }
}
