package dev.mq.spring.transaction;

import dev.mq.client.Message;
import dev.mq.client.SendResult;

/**
 * Sends messages bound to the active Spring transaction: published if and only if that transaction
 * commits. {@code MqTemplate.sendInTransaction(destination, payload)} delegates here.
 */
public interface TransactionBoundSender {

    /**
     * Sends {@code message} at once as a half message (not yet visible to consumers) and binds it to
     * the current Spring transaction: committed after the transaction commits, rolled back after it
     * rolls back.
     *
     * @param producerGroup the group of the template that sends
     * @throws IllegalStateException if no Spring transaction is active; nothing is sent then
     */
    SendResult send(String producerGroup, Message message);
}
