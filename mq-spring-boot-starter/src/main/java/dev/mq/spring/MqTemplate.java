package dev.mq.spring;

import dev.mq.client.TransactionalProducer;
import dev.mq.spring.observation.MqSendObserver;
import dev.mq.spring.observation.SendMode;
import dev.mq.spring.support.Destination;
import dev.mq.spring.support.MqProducers;
import dev.mq.spring.support.MqTransactionListenerRegistrar;
import dev.mq.spring.support.OutgoingDraft;
import dev.mq.spring.support.OutgoingMessageFactory;
import dev.mq.spring.transaction.TransactionBoundSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages: the starter's one bean for producing. A destination is {@code topic} or
 * {@code topic:tag}. A payload is written by the application's
 * {@link dev.mq.spring.support.MqPayloadConverter} ({@code byte[]} and {@code String} as they are, other
 * objects as JSON when Jackson is present), its media type kept in the user property
 * {@link MqHeaders#CONTENT_TYPE}. A payload that is a Spring {@link Message} also has its headers read:
 * {@link MqHeaders#KEYS}, {@link MqHeaders#TAGS}, {@link MqHeaders#DELAY}, {@link MqHeaders#DELIVER_AT},
 * {@link MqHeaders#SHARDING_KEY}; every other header becomes a user property.
 *
 * <p>Sends use the producer of this template's group ({@code mq.producer.group}, else
 * {@code spring.application.name}; {@link #withProducerGroup(String)} for another), made on the group's
 * first send. Bad input (destination, header, body) fails with an {@link IllegalArgumentException} before
 * anything is sent; what the broker refuses fails with the client's {@link dev.mq.client.MqBrokerException}
 * (its {@code responseCode()} is the broker's code), an unreachable broker with
 * {@link dev.mq.client.MqClientException} or {@link dev.mq.client.MqTimeoutException}. Each send is an
 * {@code mq.send} observation. Thread-safe.
 */
public class MqTemplate {

    private final MqProducers producers;
    private final OutgoingMessageFactory messages;
    private final MqSendObserver observer;
    private final MqTransactionListenerRegistrar transactions;
    private final ObjectProvider<TransactionBoundSender> transactionBoundSender;
    private final String producerGroup;

    /**
     * Creates a template.
     *
     * @param producerGroup the group its sends use, or null when none is configured (then every send
     *                      fails, naming {@code mq.producer.group}, until {@link #withProducerGroup} gives one)
     */
    public MqTemplate(MqProducers producers, OutgoingMessageFactory messages, MqSendObserver observer,
                      MqTransactionListenerRegistrar transactions,
                      ObjectProvider<TransactionBoundSender> transactionBoundSender, String producerGroup) {
        this.producers = Objects.requireNonNull(producers, "producers");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.transactionBoundSender = Objects.requireNonNull(transactionBoundSender, "transactionBoundSender");
        this.producerGroup = producerGroup == null || producerGroup.isBlank() ? null : producerGroup;
    }

    /** The producer group of this template's sends, or null when none is configured. */
    public String getProducerGroup() {
        return producerGroup;
    }

    /**
     * A template that shares everything with this one but sends with {@code group}'s producer.
     *
     * @throws IllegalArgumentException if the group is blank
     */
    public MqTemplate withProducerGroup(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a producer group is required");
        }
        return new MqTemplate(producers, messages, observer, transactions, transactionBoundSender, group);
    }

    /** Sends {@code payload} (a Spring {@link Message} too) and waits until a broker stored it. */
    public SendResult send(String destination, Object payload) {
        return sendSync(draft(destination, payload));
    }

    /** Sends a Spring message, its headers read as the class description says, and waits until it is stored. */
    public SendResult send(String destination, Message<?> message) {
        Objects.requireNonNull(message, "message");
        return sendSync(messages.fromMessage(Destination.parse(destination), message));
    }

    /**
     * Sends without waiting: the future completes with the result, or fails with what the broker or the
     * client reported. Bad input is thrown at once.
     */
    public CompletableFuture<SendResult> sendAsync(String destination, Object payload) {
        OutgoingDraft draft = draft(destination, payload);
        String group = requireGroup();
        return observer.observeAsync(draft.destination().topic(), group,
                trace -> producers.sender(group).sendAsync(withTrace(draft, trace).build())
                        .thenApply(SendResult::of),
                SendResult::messageId);
    }

    /** Sends without any answer: returns once the request is written; a lost message goes unnoticed. */
    public void sendOneWay(String destination, Object payload) {
        OutgoingDraft draft = draft(destination, payload);
        String group = requireGroup();
        observer.observe(draft.destination().topic(), SendMode.ONEWAY, group, trace -> {
            producers.sender(group).sendOneway(withTrace(draft, trace).build());
            return null;
        }, ignored -> null);
    }

    /** Sends in order with every other message of {@code shardingKey}: same key, same queue. */
    public SendResult sendOrderly(String destination, Object payload, String shardingKey) {
        return sendSync(draft(destination, payload).shardingKey(shardingKey));
    }

    /** Sends a message that consumers get {@code delay} after the send. */
    public SendResult sendDelayed(String destination, Object payload, Duration delay) {
        return sendSync(draft(destination, payload).delay(delay));
    }

    /** Sends a message that consumers get at {@code deliverAt} (at once if that is past). */
    public SendResult sendAt(String destination, Object payload, Instant deliverAt) {
        return sendSync(draft(destination, payload).deliverAt(deliverAt));
    }

    /**
     * Sends {@code payloads} (each may be a Spring {@link Message}) in one request: stored in one queue at
     * consecutive offsets. The result has the messages' ids joined with commas and the first one's queue
     * offset, as RocketMQ reports a batch.
     *
     * @throws IllegalArgumentException for no payloads, or a payload that is delayed or has a sharding key
     */
    public SendResult sendBatch(String destination, Collection<?> payloads) {
        Destination parsed = Destination.parse(destination);
        if (payloads == null || payloads.isEmpty()) {
            throw new IllegalArgumentException("a batch to '" + destination + "' needs at least one payload");
        }
        List<OutgoingDraft> drafts = new ArrayList<>(payloads.size());
        for (Object payload : payloads) {
            drafts.add(messages.draft(parsed, payload));
        }
        String group = requireGroup();
        return observer.observe(parsed.topic(), SendMode.BATCH, group, trace -> {
            List<dev.mq.client.Message> built = new ArrayList<>(drafts.size());
            for (OutgoingDraft draft : drafts) {
                built.add(withTrace(draft, trace).build());
            }
            return SendResult.ofBatch(producers.sender(group).sendBatch(built));
        }, SendResult::messageId);
    }

    /**
     * Sends a transactional message: a half message, then the local transaction of this template's group
     * (its {@code @MqTransactionListener} bean's {@link MqLocalTransaction#execute}) with {@code arg}, then
     * commit or roll back as it decided (UNKNOWN: its {@link MqLocalTransaction#check} decides later).
     *
     * @throws IllegalStateException if no {@code @MqTransactionListener} bean serves this template's group
     * @throws dev.mq.client.MqClientException wrapping what the local transaction threw (the transaction is
     *                                        then UNKNOWN and {@code check} decides)
     */
    public TransactionSendResult sendInTransaction(String destination, Object payload, Object arg) {
        OutgoingDraft draft = draft(destination, payload);
        String group = requireGroup();
        MqLocalTransaction local = transactions.localTransaction(group).orElseThrow(() -> new IllegalStateException(
                "no @MqTransactionListener bean for producer group " + group + ": declare a bean implementing "
                        + MqLocalTransaction.class.getSimpleName() + " annotated @MqTransactionListener(producerGroup = \""
                        + group + "\")"));
        TransactionalProducer producer = producers.transactional(group).orElseThrow(() -> new IllegalStateException(
                "producer group " + group + " has a local transaction but no transactional producer yet:"
                        + " the application has not finished starting"));
        return observer.observe(draft.destination().topic(), SendMode.TRANSACTION, group, trace -> {
            Message<?> sent = springMessage(payload, draft);
            return TransactionSendResult.of(producer.send(withTrace(draft, trace).build(), half -> {
                Message<?> withId = MessageBuilder.fromMessage(sent)
                        .setHeader(MqHeaders.MESSAGE_ID, half.messageId()).build();
                TransactionState state = local.execute(withId, arg);
                if (state == null) {
                    throw new IllegalStateException("the MqLocalTransaction of producer group " + group
                            + " returned null from execute(); return COMMIT, ROLLBACK or UNKNOWN");
                }
                return state.toClientState();
            }));
        }, TransactionSendResult::messageId);
    }

    /**
     * Sends a message bound to the active Spring transaction: stored at once as a half message, delivered
     * if and only if the transaction commits (see {@link TransactionBoundSender}).
     *
     * @throws IllegalStateException if the application has no {@link TransactionBoundSender} (it needs a
     *                               DataSource and a transaction manager), or no transaction is active
     */
    public SendResult sendInTransaction(String destination, Object payload) {
        OutgoingDraft draft = draft(destination, payload);
        String group = requireGroup();
        TransactionBoundSender sender = transactionBoundSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("sendInTransaction(destination, payload) sends bound to a Spring transaction,"
                    + " which needs a DataSource and a transaction manager in the application (none is configured);"
                    + " for a local transaction use sendInTransaction(destination, payload, arg) with an"
                    + " @MqTransactionListener bean");
        }
        return observer.observe(draft.destination().topic(), SendMode.TRANSACTION_BOUND, group,
                trace -> SendResult.of(sender.send(group, withTrace(draft, trace).build())), SendResult::messageId);
    }

    private SendResult sendSync(OutgoingDraft draft) {
        String group = requireGroup();
        return observer.observe(draft.destination().topic(), SendMode.SYNC, group,
                trace -> SendResult.of(producers.sender(group).send(withTrace(draft, trace).build())),
                SendResult::messageId);
    }

    private OutgoingDraft draft(String destination, Object payload) {
        return messages.draft(Destination.parse(destination), payload);
    }

    private static OutgoingDraft withTrace(OutgoingDraft draft, Map<String, String> trace) {
        draft.properties().putAll(trace);
        return draft;
    }

    private static Message<?> springMessage(Object payload, OutgoingDraft draft) {
        MessageBuilder<?> builder = payload instanceof Message<?> message
                ? MessageBuilder.fromMessage(message)
                : MessageBuilder.withPayload(payload);
        builder.setHeader(MqHeaders.TOPIC, draft.destination().topic());
        if (draft.tag() != null) {
            builder.setHeader(MqHeaders.TAGS, draft.tag());
        }
        return builder.build();
    }

    private String requireGroup() {
        if (producerGroup == null) {
            throw new IllegalStateException("MqTemplate has no producer group: set mq.producer.group (or"
                    + " spring.application.name), or send through mqTemplate.withProducerGroup(\"...\")");
        }
        return producerGroup;
    }

    @Override
    public String toString() {
        return "MqTemplate[group=" + producerGroup + "]";
    }
}
