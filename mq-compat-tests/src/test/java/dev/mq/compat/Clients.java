package dev.mq.compat;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Official-client producers and consumers for one server, shut down together by {@link #close()}.
 * Only API present in both client lines (4.9.x and 5.x) is used here, so the shared test sources
 * compile against either; the one type that moved between them (MessageModel) is set by name.
 */
final class Clients implements AutoCloseable {

    /** The topic brokers take auto-created topics' settings from. */
    static final String TEMPLATE_TOPIC = "TBW102";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String namesrvAddr;
    private final String brokerAddr;
    private final List<Runnable> shutdowns = new ArrayList<>();

    Clients(ServerProcess server) {
        this.namesrvAddr = server.namesrvAddr();
        this.brokerAddr = server.brokerAddr();
    }

    static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    static Message message(String topic, String tag, String body) {
        return new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** A started producer of a new group. */
    DefaultMQProducer producer() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(unique("pg"));
        producer.setNamesrvAddr(namesrvAddr);
        producer.setInstanceName(unique("p"));
        producer.start();
        shutdowns.add(producer::shutdown);
        return producer;
    }

    /**
     * A push consumer, not started yet: CONSUME_FROM_FIRST_OFFSET, routes refreshed every second
     * (so topics created after its start are found quickly).
     */
    DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName(unique("c"));
        consumer.setPollNameServerInterval(1000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        shutdowns.add(0, consumer::shutdown);
        return consumer;
    }

    /** A started push consumer of {@code topic} (all tags) that records what it receives. */
    DefaultMQPushConsumer pushConsumer(String group, String topic, Received sink) throws Exception {
        DefaultMQPushConsumer consumer = pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(sink.concurrently());
        consumer.start();
        return consumer;
    }

    /** A lite pull consumer, not started yet. */
    DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName(unique("l"));
        consumer.setPollNameServerInterval(1000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        shutdowns.add(0, consumer::shutdown);
        return consumer;
    }

    /**
     * Creates {@code topic} with {@code queues} queues (UPDATE_AND_CREATE_TOPIC to the broker; the
     * client's own createTopic changed its signature between 4.9 and 5.x) and waits until the name
     * server routes it, as {@code producer} sees it.
     */
    List<MessageQueue> createTopic(DefaultMQProducer producer, String topic, int queues) throws Exception {
        try (BrokerAdmin admin = new BrokerAdmin(brokerAddr)) {
            RemotingCommand response = admin.createTopic(topic, queues);
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + response.code() + " "
                        + response.remark());
            }
        }
        return awaitRoute(producer, topic, queues);
    }

    /** Waits until the name server routes {@code topic} with {@code queues} write queues. */
    static List<MessageQueue> awaitRoute(DefaultMQProducer producer, String topic, int queues) {
        List<List<MessageQueue>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    List<MessageQueue> route = producer.fetchPublishMessageQueues(topic);
                    found.add(0, route);
                    return route.size() == queues;
                });
        List<MessageQueue> route = new ArrayList<>(found.get(0));
        route.sort(MessageQueue::compareTo);
        return route;
    }

    /** The queues of {@code topic} a push consumer currently works on (after rebalance). */
    static Set<MessageQueue> assigned(DefaultMQPushConsumer consumer, String topic) {
        Map<MessageQueue, ProcessQueue> table =
                consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
        return table.entrySet().stream()
                .filter(e -> e.getKey().getTopic().equals(topic) && !e.getValue().isDropped())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Sets the message model by name ("CLUSTERING", "BROADCASTING"). The enum moved from
     * {@code org.apache.rocketmq.common.protocol.heartbeat} (4.9.x) to
     * {@code org.apache.rocketmq.remoting.protocol.heartbeat} (5.x); the setter is the same.
     */
    static void messageModel(DefaultMQPushConsumer consumer, String model) {
        for (Method setter : DefaultMQPushConsumer.class.getMethods()) {
            Class<?>[] types = setter.getParameterTypes();
            if (setter.getName().equals("setMessageModel") && types.length == 1 && types[0].isEnum()) {
                for (Object constant : types[0].getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(model)) {
                        try {
                            setter.invoke(consumer, constant);
                            return;
                        } catch (IllegalAccessException | InvocationTargetException e) {
                            throw new IllegalStateException("cannot set the message model " + model, e);
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("this client has no message model " + model);
    }

    /** Shuts down every client, consumers first. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Runnable shutdown : shutdowns) {
            try {
                shutdown.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        shutdowns.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** What a consumer received: how often each body arrived, and in which order. */
    static final class Received {

        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final List<MessageExt> messages = new CopyOnWriteArrayList<>();

        void add(MessageExt message) {
            counts.computeIfAbsent(body(message), b -> new AtomicInteger()).incrementAndGet();
            messages.add(message);
        }

        MessageListenerConcurrently concurrently() {
            return (batch, context) -> {
                batch.forEach(this::add);
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            };
        }

        Set<String> bodies() {
            return Set.copyOf(counts.keySet());
        }

        boolean containsAll(Collection<String> bodies) {
            return counts.keySet().containsAll(bodies);
        }

        /** Bodies that arrived more than once. */
        Set<String> duplicates() {
            return counts.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }

        List<MessageExt> messages() {
            return List.copyOf(messages);
        }

        int size() {
            return counts.size();
        }
    }
}
