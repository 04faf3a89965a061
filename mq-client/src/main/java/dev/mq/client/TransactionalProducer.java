package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.producer.ProducerLifecycle;
import dev.mq.client.internal.producer.TransactionSupport;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends transactional messages: a half message the broker keeps invisible, then a local transaction,
 * then commit or roll back as it decided. When the outcome stays unknown (the local transaction said
 * UNKNOWN or threw, or the decision was lost), the broker asks this producer group's
 * {@link TransactionChecker} later, also after a restart of broker or producer. Made by
 * {@link MqClient#transactionalProducer(String, TransactionChecker)}; thread-safe.
 *
 * <pre>{@code
 * try (TransactionalProducer producer = client.transactionalProducer("payments", message -> lookUp(message))
 *         .build()) {
 *     producer.send(Message.builder("Payments").keys(paymentId).body(json).build(),
 *             half -> { database.save(paymentId); return LocalTransactionState.COMMIT; });
 * }
 * }</pre>
 */
public final class TransactionalProducer implements AutoCloseable {

    private final ProducerLifecycle<TransactionSupport> lifecycle;

    private TransactionalProducer(ProducerLifecycle<TransactionSupport> lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The producer group (the broker checks back with this group). */
    public String group() {
        return lifecycle.engine().settings().group();
    }

    /**
     * Sends {@code message} as a half message, runs {@code localTransaction} on the calling thread,
     * and tells the broker to commit or roll back as it returns (UNKNOWN: the checker decides later).
     * The message must not be delayed.
     *
     * @throws MqException as {@link Producer#send(Message)} when the half message could not be sent
     *                     (then the local transaction did not run)
     * @throws MqClientException wrapping what the local transaction threw; the transaction is then
     *                           UNKNOWN and the checker decides later
     */
    public TransactionSendResult send(Message message, LocalTransaction localTransaction) {
        return lifecycle.extension().send(Producer.outgoing(message), localTransaction);
    }

    /**
     * Sends {@code message} as a half message now and leaves its outcome to the caller: the returned
     * {@link PreparedTransaction}'s {@link PreparedTransaction#commit() commit()} or
     * {@link PreparedTransaction#rollback() rollback()} tells the broker later, from any thread. Until
     * then, and if neither is ever called (the process died, say), the broker asks this group's
     * {@link TransactionChecker}. Use it when the local transaction is not a call the producer can
     * make, e.g. a database transaction that commits after the send returns. The message must not be
     * delayed.
     *
     * @throws MqException as {@link Producer#send(Message)} when the half message could not be sent;
     *                     also when a broker stored it with a status other than SEND_OK (then it was
     *                     rolled back at once)
     */
    public PreparedTransaction prepare(Message message) {
        TransactionSupport support = lifecycle.extension();
        return new PreparedTransaction(support.prepare(Producer.outgoing(message)), support);
    }

    /**
     * Sends {@code message} as a plain (not transactional) message with this producer's group, as
     * {@link Producer#send(Message)}: a client holds one producer per group, so a group that has a
     * transactional producer sends its plain messages through it.
     */
    public SendResult sendPlain(Message message) {
        return lifecycle.engine().send(Producer.outgoing(message));
    }

    /** As {@link Producer#sendAsync(Message)}, with this producer's group. */
    public CompletableFuture<SendResult> sendPlainAsync(Message message) {
        return lifecycle.engine().sendAsync(Producer.outgoing(message));
    }

    /** As {@link Producer#sendOneway(Message)}, with this producer's group. */
    public void sendPlainOneway(Message message) {
        lifecycle.engine().sendOneway(Producer.outgoing(message));
    }

    /** As {@link Producer#sendBatch(List)}, with this producer's group. */
    public List<SendResult> sendPlainBatch(List<Message> messages) {
        return lifecycle.engine().sendBatch(Producer.outgoing(messages));
    }

    /** Stops the producer and its checker and takes the group off the brokers. Idempotent. */
    @Override
    public void close() {
        lifecycle.close();
    }

    @Override
    public String toString() {
        return "TransactionalProducer[" + group() + "]";
    }

    /** The producer's settings ({@link ProducerBuilder}); defaults as the official client's. Not thread-safe. */
    public static final class Builder extends ProducerBuilder<Builder> {

        private final ClientCore core;
        private final TransactionChecker checker;

        Builder(ClientCore core, String group, TransactionChecker checker) {
            super(group);
            this.core = core;
            this.checker = Objects.requireNonNull(checker, "checker");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Starts the producer and its checker.
         *
         * @throws MqClientException naming a bad setting, or when the client is closed or already has a
         *                           producer of this group
         */
        public TransactionalProducer build() {
            return new TransactionalProducer(ProducerLifecycle.start(core, settings(),
                    engine -> new TransactionSupport(core, engine, checker)));
        }
    }
}
