package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.mq.compat.Clients.assigned;
import static dev.mq.compat.Clients.body;
import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Consumer groups with the official client: load balancing, broadcasting, ordering, lite pull, start points. */
@Timeout(180)
class ConsumerGroupCompatTest {

    @TempDir
    static Path dataDir;

    static ServerProcess server;
    Clients clients;

    @BeforeAll
    static void startServer() {
        server = new ServerProcess(dataDir.resolve("server")).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            assertThat(server.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @BeforeEach
    void newClients() {
        clients = new Clients(server);
    }

    @AfterEach
    void shutdownClients() {
        clients.close();
    }

    private static List<String> send(DefaultMQProducer producer, String topic, String prefix, int count) throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + "-" + i;
            assertThat(producer.send(message(topic, "T", body)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.add(body);
        }
        return sent;
    }

    @Test
    void clusteringSharesTheQueuesAndTheSurvivorTakesThemAllOver() throws Exception {
        String topic = unique("Shared");
        String group = unique("cg");
        DefaultMQProducer producer = clients.producer();
        clients.createTopic(producer, topic, 8);

        Received first = new Received();
        Received second = new Received();
        DefaultMQPushConsumer a = clients.pushConsumer(group, topic, first);
        await().atMost(Duration.ofSeconds(20)).until(() -> assigned(a, topic).size() == 8);
        DefaultMQPushConsumer b = clients.pushConsumer(group, topic, second);
        await().atMost(Duration.ofSeconds(20)).until(() -> assigned(a, topic).size() == 4
                && assigned(b, topic).size() == 4);
        Set<MessageQueue> union = new HashSet<>(assigned(a, topic));
        union.addAll(assigned(b, topic));
        assertThat(union).as("the two instances split the 8 queues").hasSize(8);

        List<String> sent = send(producer, topic, "shared", 80);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.size() + second.size() >= sent.size());
        Set<String> together = new HashSet<>(first.bodies());
        together.addAll(second.bodies());
        assertThat(together).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first.size()).as("first instance's share").isPositive();
        assertThat(second.size()).as("second instance's share").isPositive();
        assertThat(first.duplicates()).isEmpty();
        assertThat(second.duplicates()).isEmpty();
        assertThat(first.bodies()).doesNotContainAnyElementsOf(second.bodies());

        b.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> assigned(a, topic).size() == 8);
        List<String> later = send(producer, topic, "after-leave", 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.containsAll(later));
        assertThat(second.bodies()).doesNotContainAnyElementsOf(later);
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryInstance() throws Exception {
        String topic = unique("Broadcast");
        String group = unique("cg");
        DefaultMQProducer producer = clients.producer();
        clients.createTopic(producer, topic, 4);

        List<Received> sinks = List.of(new Received(), new Received());
        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        for (Received sink : sinks) {
            DefaultMQPushConsumer consumer = clients.pushConsumer(group);
            Clients.messageModel(consumer, "BROADCASTING");
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener(sink.concurrently());
            consumer.start();
            consumers.add(consumer);
        }
        for (DefaultMQPushConsumer consumer : consumers) {
            await().atMost(Duration.ofSeconds(20)).until(() -> assigned(consumer, topic).size() == 4);
        }

        List<String> sent = send(producer, topic, "all", 20);
        for (Received sink : sinks) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.containsAll(sent));
            assertThat(sink.bodies()).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void anOrderlyConsumerKeepsTheOrderOfEachShardingKey() throws Exception {
        String topic = unique("Ordered");
        DefaultMQProducer producer = clients.producer();
        clients.createTopic(producer, topic, 4);
        MessageQueueSelector byKey = (queues, message, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size()));
        List<String> keys = List.of("order-1", "order-2", "order-3", "order-4", "order-5", "order-6");
        int perKey = 15;
        for (int i = 0; i < perKey; i++) {
            for (String key : keys) {
                assertThat(producer.send(message(topic, "T", key + ":" + i), byKey, key).getSendStatus())
                        .isEqualTo(SendStatus.SEND_OK);
            }
        }

        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = clients.pushConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.setConsumeMessageBatchMaxSize(3);
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            for (MessageExt message : messages) {
                String[] parts = body(message).split(":");
                seen.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.values().stream().mapToInt(List::size).sum()
                >= keys.size() * perKey);
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            inOrder.add(i);
        }
        for (String key : keys) {
            assertThat(seen.get(key)).as("sequence of " + key).containsExactlyElementsOf(inOrder);
        }
    }

    @Test
    void aLitePullConsumerPollsItsSubscription() throws Exception {
        String topic = unique("LiteSub");
        DefaultMQProducer producer = clients.producer();
        List<String> before = send(producer, topic, "before", 10);

        DefaultLitePullConsumer consumer = clients.litePullConsumer(unique("cg"));
        consumer.subscribe(topic, "*");
        consumer.setPullBatchSize(4);
        consumer.start();
        Set<String> polled = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(200).forEach(m -> polled.add(body(m)));
            return polled.containsAll(before);
        });
        List<String> after = send(producer, topic, "after", 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(200).forEach(m -> polled.add(body(m)));
            return polled.containsAll(after);
        });
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(polled).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aLitePullConsumerReadsAnAssignedQueueFromASeekOffset() throws Exception {
        String topic = unique("LiteAssign");
        DefaultMQProducer producer = clients.producer();
        List<MessageQueue> queues = clients.createTopic(producer, topic, 2);
        MessageQueue queue = queues.get(0);
        for (int i = 0; i < 10; i++) {
            assertThat(producer.send(message(topic, "T", "assigned-" + i), queue).getQueueOffset()).isEqualTo(i);
        }

        DefaultLitePullConsumer consumer = clients.litePullConsumer(unique("cg"));
        consumer.setAutoCommit(false);
        consumer.start();
        consumer.assign(List.of(queue));
        // Read everything first: the client starts prefetching as soon as a queue is assigned, so a
        // seek right after assign races with that prefetch. Seeking back afterwards is deterministic.
        List<MessageExt> first = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            first.addAll(consumer.poll(200));
            return first.size() >= 10;
        });
        assertThat(first).extracting(MessageExt::getQueueOffset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        consumer.seek(queue, 5);
        List<MessageExt> polled = new CopyOnWriteArrayList<>();
        // the pull in flight at the end of the queue may be parked for up to 20 s before the seek applies
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            polled.addAll(consumer.poll(200));
            return polled.size() >= 5;
        });
        assertThat(polled).extracting(MessageExt::getQueueOffset).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(polled).extracting(Clients::body)
                .containsExactly("assigned-5", "assigned-6", "assigned-7", "assigned-8", "assigned-9");
        assertThat(polled).allSatisfy(m -> assertThat(m.getQueueId()).isEqualTo(queue.getQueueId()));
    }

    @Test
    void aNewGroupConsumingFromATimestampSkipsEarlierMessages() throws Exception {
        String topic = unique("Since");
        DefaultMQProducer producer = clients.producer();
        List<String> early = send(producer, topic, "early", 8);
        // The client passes the start time with second precision (yyyyMMddHHmmss): start at the
        // first whole second at least 500 ms after batch A, and send batch B only from then on.
        long since = (System.currentTimeMillis() + 500) / 1000 * 1000 + 1000;
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() >= since);
        List<String> late = send(producer, topic, "late", 8);

        Received received = new Received();
        DefaultMQPushConsumer consumer = clients.pushConsumer(unique("cg"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        consumer.setConsumeTimestamp(new SimpleDateFormat("yyyyMMddHHmmss").format(new Date(since)));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(received.concurrently());
        consumer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(late));
        // each queue is read in offset order, so an early message would have come before the late ones
        assertThat(received.bodies()).doesNotContainAnyElementsOf(early).containsExactlyInAnyOrderElementsOf(late);
    }

    @Test
    void aPushConsumerWaitingOnAnEmptyTopicIsWokenPromptly() throws Exception {
        String topic = unique("Waiting");
        DefaultMQProducer producer = clients.producer();
        clients.createTopic(producer, topic, 4);
        Received received = new Received();
        DefaultMQPushConsumer consumer = clients.pushConsumer(unique("cg"), topic, received);
        await().atMost(Duration.ofSeconds(20)).until(() -> assigned(consumer, topic).size() == 4);

        List<String> sent = send(producer, topic, "wake", 20);
        // a parked pull is answered on arrival, not when its 15 s suspension runs out (10 s < 15 s)
        await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(sent));
        assertThat(received.duplicates()).isEmpty();
    }
}
