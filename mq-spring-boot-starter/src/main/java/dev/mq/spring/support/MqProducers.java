package dev.mq.spring.support;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.ProducerBuilder;
import dev.mq.client.SendResult;
import dev.mq.client.TransactionChecker;
import dev.mq.client.TransactionalProducer;
import dev.mq.spring.autoconfigure.MqProducerCustomizer;
import dev.mq.spring.autoconfigure.MqProperties;
import org.springframework.beans.factory.DisposableBean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The producers of the starter, one per producer group, all of the application's {@link MqClient}: plain
 * producers made on a group's first send, and the transactional producers of
 * {@code @MqTransactionListener} beans, registered at start-up. A client holds one producer per group, so
 * a group with a transactional producer sends its plain messages through it. Every producer gets the
 * {@code mq.producer.*} settings and then the {@link MqProducerCustomizer}s; all are closed with the
 * application context, before the client.
 */
public class MqProducers implements DisposableBean {

    private final MqClient client;
    private final MqProperties.Producer settings;
    private final List<MqProducerCustomizer> customizers;
    private final Map<String, TransactionalProducer> transactional = new ConcurrentHashMap<>();
    private final Map<String, Sender> senders = new ConcurrentHashMap<>();

    /** Creates the pool; nothing is made before a send or a registration. */
    public MqProducers(MqClient client, MqProperties.Producer settings, List<MqProducerCustomizer> customizers) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.customizers = List.copyOf(customizers);
    }

    /**
     * The sender of {@code group}'s plain messages, made on first use.
     *
     * @throws dev.mq.client.MqClientException if the group name is not valid
     */
    public Sender sender(String group) {
        return senders.computeIfAbsent(group, this::newPlainSender);
    }

    /**
     * Makes the transactional producer of {@code group}, whose check-backs go to {@code checker}.
     *
     * @throws IllegalStateException if the group already has a producer (a transactional one, or a plain
     *                               one that sent before the application finished starting)
     */
    public TransactionalProducer registerTransactional(String group, TransactionChecker checker) {
        Objects.requireNonNull(checker, "checker");
        // one atomic step per group with sender(group), so a plain producer and this one never both exist
        Sender registered = senders.compute(group, (name, existing) -> {
            if (existing != null) {
                throw new IllegalStateException("producer group " + group + " already has a producer; a"
                        + " transactional producer must be registered before the group's first send");
            }
            TransactionalProducer producer = configure(group, client.transactionalProducer(group, checker)).build();
            transactional.put(group, producer);
            return new TransactionalSender(producer);
        });
        return ((TransactionalSender) registered).producer();
    }

    /** The transactional producer of {@code group}, if an {@code @MqTransactionListener} bean made one. */
    public Optional<TransactionalProducer> transactional(String group) {
        return Optional.ofNullable(transactional.get(group));
    }

    private Sender newPlainSender(String group) {
        return new PlainSender(configure(group, client.producer(group)).build());
    }

    private <B extends ProducerBuilder<B>> B configure(String group, B builder) {
        builder.sendTimeout(settings.getSendTimeout())
                .retries(settings.getRetries())
                .compressBodiesOver(settings.getCompressBodiesOver())
                .faultAvoidance(settings.isFaultAvoidance());
        for (MqProducerCustomizer customizer : customizers) {
            customizer.customize(group, builder);
        }
        return builder;
    }

    /** Closes every producer; the first failure is thrown after all were tried, with the others suppressed. */
    @Override
    public void destroy() {
        List<AutoCloseable> all = new ArrayList<>();
        senders.values().forEach(all::add);
        RuntimeException failure = null;
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the starter's producers failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        senders.clear();
        transactional.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Plain sends of one producer group. */
    public interface Sender extends AutoCloseable {

        /** Sends and waits for the broker's answer. */
        SendResult send(Message message);

        /** Sends; the future completes with the broker's answer. */
        CompletableFuture<SendResult> sendAsync(Message message);

        /** Sends without waiting for an answer. */
        void sendOneway(Message message);

        /** Sends the messages as one batch. */
        List<SendResult> sendBatch(List<Message> messages);

        @Override
        void close();
    }

    private record PlainSender(Producer producer) implements Sender {

        @Override
        public SendResult send(Message message) {
            return producer.send(message);
        }

        @Override
        public CompletableFuture<SendResult> sendAsync(Message message) {
            return producer.sendAsync(message);
        }

        @Override
        public void sendOneway(Message message) {
            producer.sendOneway(message);
        }

        @Override
        public List<SendResult> sendBatch(List<Message> messages) {
            return producer.sendBatch(messages);
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** Plain sends through a transactional producer, which closes with it. */
    private record TransactionalSender(TransactionalProducer producer) implements Sender {

        @Override
        public SendResult send(Message message) {
            return producer.sendPlain(message);
        }

        @Override
        public CompletableFuture<SendResult> sendAsync(Message message) {
            return producer.sendPlainAsync(message);
        }

        @Override
        public void sendOneway(Message message) {
            producer.sendPlainOneway(message);
        }

        @Override
        public List<SendResult> sendBatch(List<Message> messages) {
            return producer.sendPlainBatch(messages);
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
