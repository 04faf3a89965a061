package dev.mq.spring;

import org.springframework.messaging.Message;

/**
 * The local transaction of a producer group's transactional sends. Implement it on a bean annotated
 * {@link dev.mq.spring.annotation.MqTransactionListener @MqTransactionListener(producerGroup = "...")};
 * {@link MqTemplate#sendInTransaction(String, Object, Object)} of a template with that group runs
 * {@link #execute}, and the broker's check-backs run {@link #check}.
 */
public interface MqLocalTransaction {

    /**
     * Runs the local transaction after the half message was stored, on the sending thread.
     *
     * @param msg the message as sent: the payload given to the template, the headers of a sent
     *            {@code Message}, and {@link MqHeaders#MESSAGE_ID} (the transaction id) and {@link MqHeaders#TOPIC}
     * @param arg the argument given to {@code sendInTransaction}
     * @return COMMIT, ROLLBACK, or UNKNOWN to let {@link #check} decide later; a thrown exception means
     *         UNKNOWN and reaches the caller of {@code sendInTransaction}
     */
    TransactionState execute(Message<?> msg, Object arg);

    /**
     * Decides a transaction the broker does not know the outcome of (UNKNOWN, a throw, a lost answer,
     * a restart), on a client thread.
     *
     * @param msg the half message as stored: the body as {@code String} for a text content type, else
     *            {@code byte[]}; headers as a listener gets them ({@link MqHeaders}, user properties)
     * @return the outcome; UNKNOWN makes the broker ask again later
     */
    TransactionState check(Message<?> msg);
}
