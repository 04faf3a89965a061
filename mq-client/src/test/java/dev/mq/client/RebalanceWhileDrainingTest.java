package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A push consumer draining a backlog while other consumers of its group join and leave again and
 * again, so that its queues are taken away and given back while their pulls are under way (and,
 * with a small cache, while they are parked): every message arrives, and afterwards every queue of
 * the topic is still being pulled (new messages reach the remaining consumer).
 */
@Timeout(180)
class RebalanceWhileDrainingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int QUEUES = 8;

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

    private static List<SendResult> send(String topic, int count, String prefix) {
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(Message.builder(topic).body(prefix + i).build()));
        }
        return sent;
    }

    private static PushConsumer consumer(MqClient client, String group, String topic, Deliveries deliveries) {
        // a small cache and small pulls: queues park and wake often, and many pulls are under way at any rebalance
        return PushConsumerTest.quick(client, group).subscribe(topic, "*").consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .threads(4).pullBatchSize(8).maxCachedMessagesPerQueue(16)
                .listener(deliveries::take).build();
    }

    private static Set<MessageQueue> queuesOf(PushConsumer consumer, String topic) {
        Set<MessageQueue> queues = new HashSet<>();
        for (MessageQueue queue : consumer.assignment()) {
            if (queue.topic().equals(topic)) {
                queues.add(queue);
            }
        }
        return queues;
    }

    @Test
    void everyMessageArrivesAndEveryQueueKeepsBeingPulledWhileConsumersComeAndGo() {
        String topic = Servers.unique("Churn");
        server.createTopic(topic, QUEUES);
        List<SendResult> sent = new ArrayList<>(send(topic, 1600, "b"));
        String group = Servers.unique("cg");
        Deliveries stayer = new Deliveries();
        Deliveries visitors = new Deliveries();
        try (PushConsumer staying = consumer(client, group, topic, stayer)) {
            await().atMost(WAIT).until(() -> queuesOf(staying, topic).size() == QUEUES);
            for (int round = 0; round < 6; round++) {
                try (MqClient visitorClient = Servers.client(server);
                     PushConsumer visitor = consumer(visitorClient, group, topic, visitors)) {
                    // the visitor got a share, so the staying consumer gave queues up (with pulls under way)
                    await().atMost(WAIT).until(() -> !queuesOf(visitor, topic).isEmpty()
                            && queuesOf(staying, topic).size() < QUEUES);
                    sent.addAll(send(topic, 100, "r" + round + "-"));
                }
                // the visitor left: its queues come back to the staying consumer
                await().atMost(WAIT).until(() -> queuesOf(staying, topic).size() == QUEUES);
            }

            await().atMost(WAIT).until(() -> union(stayer, visitors).containsAll(Deliveries.ids(sent)));

            // alone again: every queue of the topic is still pulled, so new messages all reach it
            List<SendResult> after = send(topic, 200, "a");
            await().atMost(WAIT).until(() -> stayer.ids().containsAll(Deliveries.ids(after)));
            assertThat(staying.assignment()).containsAll(topicQueues(topic));
        }
    }

    private static Set<String> union(Deliveries first, Deliveries second) {
        Set<String> ids = new HashSet<>(first.ids());
        ids.addAll(second.ids());
        return ids;
    }

    private static Set<MessageQueue> topicQueues(String topic) {
        Set<MessageQueue> queues = new HashSet<>();
        for (int i = 0; i < QUEUES; i++) {
            queues.add(new MessageQueue(topic, "broker-a", i));
        }
        return queues;
    }
}
