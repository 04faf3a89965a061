package dev.mq.spring.transaction;

import dev.mq.client.MqClient;
import dev.mq.client.TransactionChecker;
import dev.mq.client.TransactionalProducer;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The transactional producers of sends bound to a database transaction: one per producer group of
 * the templates that send, each in the <em>check-back group</em> {@code <group>-bound-tx}
 * ({@link #checkBackGroup(String)}), all answering check-backs with the same {@link BoundSendChecker}.
 *
 * <p>Why a derived group: the broker sends a check-back to one live producer of the group named in
 * the half message, and a group has one checker. A derived name (a) is the same in every process of
 * the application, so a restarted process (or any other instance sharing the database) answers the
 * check-backs of messages sent before a crash, and (b) never clashes with the template's plain
 * producer or with an {@code @MqTransactionListener} local-transaction producer of the template's
 * group, whose checker answers a different question. Applications that share a producer group must
 * therefore also share the database the rows are in.
 */
public final class BoundSendProducers implements AutoCloseable {

    /** Appended to a template's producer group to name the group of its bound sends. */
    public static final String GROUP_SUFFIX = "-bound-tx";

    private final MqClient client;
    private final TransactionChecker checker;
    private final UnaryOperator<TransactionalProducer.Builder> settings;
    private final Map<String, TransactionalProducer> byGroup = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Producers made with {@code client}, answering check-backs with {@code checker}, with
     * {@code settings} applied to each builder (send timeout, retries, ...).
     */
    public BoundSendProducers(MqClient client, TransactionChecker checker,
                              UnaryOperator<TransactionalProducer.Builder> settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The group whose producer sends, and answers check-backs of, the bound sends of {@code producerGroup}. */
    public static String checkBackGroup(String producerGroup) {
        return producerGroup + GROUP_SUFFIX;
    }

    /**
     * The producer of {@code producerGroup}'s bound sends, started on first use; from then on it answers
     * that group's check-backs.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws dev.mq.client.MqClientException when the producer cannot start (a bad group name, say)
     */
    public TransactionalProducer forGroup(String producerGroup) {
        Objects.requireNonNull(producerGroup, "producerGroup");
        if (closed) {
            throw new IllegalStateException("the producers of bound sends are closed (the application is stopping); "
                    + "nothing was sent for group " + producerGroup);
        }
        return byGroup.computeIfAbsent(producerGroup, group ->
                settings.apply(client.transactionalProducer(checkBackGroup(group), checker)).build());
    }

    /** Closes every producer: their check-backs go to other live processes of the groups. Idempotent. */
    @Override
    public void close() {
        closed = true;
        byGroup.values().forEach(TransactionalProducer::close);
        byGroup.clear();
    }
}
