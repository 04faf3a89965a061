package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orderly push consumer against our server: per queue in offset order, never two threads on one
 * queue, a failing message retried locally (with growing reconsume counts) before anything behind
 * it; once its retries are used up it goes to the dead-letter topic and the queue moves on; two
 * orderly consumers of a group never hold the same queue.
 */
@Timeout(120)
class OrderlyConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedServer server;
    private static MqClient client;
    private static Producer producer;

    @BeforeAll
    static void start() {
        server = Servers.small().start();
        client = Servers.client(server);
        producer = client.producer(Servers.unique("pg")).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static String text(ReceivedMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void eachQueueIsConsumedInOrderByOneThreadAtATimeAndAFailureIsRetriedInPlace() {
        String topic = Servers.unique("Orderly");
        List<String> keys = List.of("order-1", "order-2", "order-3", "order-4");
        for (int i = 0; i < 30; i++) {
            for (String key : keys) {
                producer.send(Message.builder(topic).shardingKey(key).keys(key).body(key + ":" + i).build());
            }
        }
        Map<String, List<ReceivedMessage>> byKey = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> inQueue = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).orderlyRetryDelay(Duration.ofMillis(100)).threads(8)
                .orderlyListener(messages -> {
                    ReceivedMessage message = messages.get(0);
                    AtomicInteger running = inQueue.computeIfAbsent(message.queueId(), id -> new AtomicInteger());
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        byKey.computeIfAbsent(message.keys().get(0), k -> new CopyOnWriteArrayList<>()).add(message);
                        if (text(message).equals("order-2:7") && message.reconsumeTimes() < 2) {
                            failures.incrementAndGet();
                            return ConsumeResult.RETRY_LATER;
                        }
                        if (text(message).equals("order-3:4") && message.reconsumeTimes() == 0) {
                            throw new IllegalStateException("a listener that throws: retried like RETRY_LATER");
                        }
                        return ConsumeResult.SUCCESS;
                    } finally {
                        running.decrementAndGet();
                    }
                }).build()) {
            await().atMost(WAIT).until(() -> keys.stream().allMatch(key -> byKey.containsKey(key)
                    && text(byKey.get(key).get(byKey.get(key).size() - 1)).equals(key + ":29")));
        }
        assertThat(overlaps.get()).as("two threads on one queue").isZero();
        assertThat(failures.get()).isEqualTo(2);
        for (String key : keys) {
            List<String> bodies = byKey.get(key).stream().map(OrderlyConsumerTest::text).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                expected.add(key + ":" + i);
                if (key.equals("order-2") && i == 7) {
                    expected.add(key + ":" + i);
                    expected.add(key + ":" + i);
                }
                if (key.equals("order-3") && i == 4) {
                    expected.add(key + ":" + i);
                }
            }
            assertThat(bodies).as("deliveries of " + key).isEqualTo(expected);
        }
        assertThat(byKey.get("order-2")).filteredOn(m -> text(m).equals("order-2:7"))
                .extracting(ReceivedMessage::reconsumeTimes).containsExactly(0, 1, 2);
    }

    @Test
    void aMessageThatKeepsFailingGoesToTheDeadLetterTopicAndTheQueueMovesOn() {
        String topic = Servers.unique("OrderlyDlq");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey("k").tags("t" + i).body("o" + i).build()));
        }
        String group = Servers.unique("cg");
        List<ReceivedMessage> deliveries = new CopyOnWriteArrayList<>();
        try (PushConsumer consumer = PushConsumerTest.quick(client, group).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).orderlyRetryDelay(Duration.ofMillis(50)).maxReconsumeTimes(2)
                .orderlyListener(messages -> {
                    deliveries.addAll(messages);
                    return text(messages.get(0)).equals("o1") ? ConsumeResult.RETRY_LATER : ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.stream().anyMatch(m -> text(m).equals("o4")));
            assertThat(deliveries).extracting(OrderlyConsumerTest::text).containsExactly("o0", "o1", "o1", "o1", "o2",
                    "o3", "o4");
        }
        try (PullConsumer dlq = client.pullConsumer(Servers.unique("reader")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .build()) {
            dlq.assign(dlq.queues("%DLQ%" + group));
            List<ReceivedMessage> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dead.addAll(dlq.poll(Duration.ofMillis(200)));
                return !dead.isEmpty();
            });
            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(sent.get(1).messageId());
                assertThat(m.topic()).isEqualTo("%DLQ%" + group);
                assertThat(m.tags()).isEqualTo("t1");
                assertThat(text(m)).isEqualTo("o1");
            });
        }
    }

    @Test
    void twoOrderlyConsumersOfAGroupNeverHoldTheSameQueue() {
        String topic = Servers.unique("OrderlyShared");
        for (int i = 0; i < 4; i++) {
            producer.send(Message.builder(topic).shardingKey("key" + i).body("x").build());
        }
        String group = Servers.unique("cg");
        try (MqClient clientA = Servers.client(server); MqClient clientB = Servers.client(server);
             PushConsumer a = PushConsumerTest.quick(clientA, group).subscribe(topic, "*")
                     .orderlyListener(m -> ConsumeResult.SUCCESS).build();
             PushConsumer b = PushConsumerTest.quick(clientB, group).subscribe(topic, "*")
                     .orderlyListener(m -> ConsumeResult.SUCCESS).build()) {
            await().atMost(WAIT).until(() -> topicQueues(a, topic) + topicQueues(b, topic) == 4
                    && topicQueues(a, topic) == 2);
            assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());
        }
    }

    private static long topicQueues(PushConsumer consumer, String topic) {
        return consumer.assignment().stream().filter(q -> q.topic().equals(topic)).count();
    }
}
