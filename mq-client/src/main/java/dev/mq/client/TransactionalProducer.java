package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.producer.ProducerLifecycle;
import dev.mq.client.internal.producer.TransactionSupport;

import java.time.Duration;
import java.util.Objects;

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

    private final ProducerLifecycle lifecycle;
    private final TransactionSupport transactions;

    private TransactionalProducer(ProducerLifecycle lifecycle, TransactionSupport transactions) {
        this.lifecycle = lifecycle;
        this.transactions = transactions;
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
        return transactions.send(Producer.outgoing(message), localTransaction);
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

    /** The producer's settings; defaults as the official client's. Not thread-safe. */
    public static final class Builder {

        private final ClientCore core;
        private final String group;
        private final TransactionChecker checker;
        private final ProducerOptions options = new ProducerOptions();

        Builder(ClientCore core, String group, TransactionChecker checker) {
            this.core = core;
            this.group = group;
            this.checker = Objects.requireNonNull(checker, "checker");
        }

        /** How long sending the half message may take, retries included (default 3 s). */
        public Builder sendTimeout(Duration timeout) {
            options.sendTimeout = timeout;
            return this;
        }

        /** Further attempts after a failed half-message send (default 2). */
        public Builder retries(int retries) {
            options.retries = retries;
            return this;
        }

        /** Compresses bodies of at least this many bytes with zlib (default 4096). */
        public Builder compressBodiesOver(int bytes) {
            options.compressBodiesOver = bytes;
            return this;
        }

        /** The zlib compression level, 0-9 (default 5). */
        public Builder compressionLevel(int level) {
            options.compressionLevel = level;
            return this;
        }

        /** Whether brokers that failed or answered slowly are avoided for a while (default true). */
        public Builder faultAvoidance(boolean enabled) {
            options.faultAvoidance = enabled;
            return this;
        }

        /**
         * Starts the producer and its checker.
         *
         * @throws MqClientException naming a bad setting, or when the client is closed or already has a
         *                           producer of this group
         */
        public TransactionalProducer build() {
            TransactionSupport[] transactions = new TransactionSupport[1];
            ProducerLifecycle lifecycle = ProducerLifecycle.start(core, options.settings(group), engine -> {
                transactions[0] = new TransactionSupport(core, engine, checker);
                return transactions[0].answerCheckBacks();
            });
            return new TransactionalProducer(lifecycle, transactions[0]);
        }
    }
}
