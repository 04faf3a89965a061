package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several push consumers of one group against our server: clustering consumers share the queues,
 * and when one dies the others take its queues over and get what it had not acknowledged;
 * broadcasting consumers all get everything and keep their offsets in a local file across a restart.
 */
@Timeout(120)
class ConsumerGroupTest {

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

    private static List<SendResult> send(String topic, int count) {
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(Message.builder(topic).body("g" + i).build()));
        }
        return sent;
    }

    private static Set<MessageQueue> topicQueues(PushConsumer consumer, String topic) {
        Set<MessageQueue> queues = new HashSet<>();
        for (MessageQueue queue : consumer.assignment()) {
            if (queue.topic().equals(topic)) {
                queues.add(queue);
            }
        }
        return queues;
    }

    @Test
    void twoConsumersShareTheQueuesAndTheSurvivorTakesOverWhatTheKilledOneHadNotAcknowledged() {
        String topic = Servers.unique("Shared");
        List<SendResult> warmUp = send(topic, 40);
        String group = Servers.unique("cg");
        Deliveries a = new Deliveries();
        Deliveries b = new Deliveries();
        AtomicBoolean aHangs = new AtomicBoolean();
        CountDownLatch never = new CountDownLatch(1);
        MqClient clientA = Servers.client(server);
        MqClient clientB = Servers.client(server);
        try {
            PushConsumer consumerA = PushConsumerTest.quick(clientA, group).subscribe(topic, "*")
                    .consumeFrom(ConsumeFrom.FIRST_OFFSET).shutdownTimeout(Duration.ofMillis(100))
                    .listener(messages -> {
                        if (aHangs.get()) {
                            a.record(messages);
                            never.await(); // received, never acknowledged
                        }
                        return a.take(messages);
                    }).build();
            PushConsumer consumerB = PushConsumerTest.quick(clientB, group).subscribe(topic, "*")
                    .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(b::take).build();

            await().atMost(WAIT).until(() -> topicQueues(consumerA, topic).size() == 2
                    && topicQueues(consumerB, topic).size() == 2);
            Set<MessageQueue> overlap = new HashSet<>(topicQueues(consumerA, topic));
            overlap.retainAll(topicQueues(consumerB, topic));
            assertThat(overlap).isEmpty();
            await().atMost(WAIT).until(() -> union(a, b).containsAll(Deliveries.ids(warmUp)));
            assertThat(a.count()).isPositive();
            assertThat(b.count()).isPositive();

            aHangs.set(true);
            int aBefore = a.count();
            List<SendResult> more = send(topic, 40);
            await().atMost(WAIT).until(() -> a.count() > aBefore);
            clientA.core().invoker().remoting().close(); // consumer A dies: no commit, no unregistering

            await().atMost(WAIT).until(() -> topicQueues(consumerB, topic).size() == 4);
            await().atMost(WAIT).until(() -> b.ids().containsAll(Deliveries.ids(more)));
            consumerB.close();
        } finally {
            never.countDown();
            clientA.close();
            clientB.close();
        }
    }

    @Test
    void aConsumerCarriesOnAcrossABrokerRestartWithoutLosingAMessage() {
        try (EmbeddedServer own = Servers.small().start();
             MqClient ownClient = Servers.client(own);
             Producer ownProducer = ownClient.producer(Servers.unique("pg")).build()) {
            String topic = Servers.unique("Restart");
            String group = Servers.unique("cg");
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(ownProducer.send(Message.builder(topic).body("before" + i).build()));
            }
            Deliveries deliveries = new Deliveries();
            try (PushConsumer consumer = PushConsumerTest.quick(ownClient, group).subscribe(topic, "*")
                    .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
                await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
                own.restart();
                for (int i = 0; i < 20; i++) {
                    sent.add(ownProducer.send(Message.builder(topic).body("after" + i).build()));
                }
                await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
            }
        }
    }

    private static Set<String> union(Deliveries a, Deliveries b) {
        Set<String> all = new HashSet<>(a.ids());
        all.addAll(b.ids());
        return all;
    }

    @Test
    void theByCircleStrategyDealsQueuesOutInTurn() {
        String topic = Servers.unique("Circle");
        send(topic, 4);
        String group = Servers.unique("cg");
        try (MqClient clientA = Servers.client(server); MqClient clientB = Servers.client(server);
             PushConsumer consumerA = PushConsumerTest.quick(clientA, group).subscribe(topic, "*")
                     .allocationStrategy(QueueAllocationStrategy.byCircle()).listener(m -> ConsumeResult.SUCCESS).build();
             PushConsumer consumerB = PushConsumerTest.quick(clientB, group).subscribe(topic, "*")
                     .allocationStrategy(QueueAllocationStrategy.byCircle()).listener(m -> ConsumeResult.SUCCESS)
                     .build()) {
            await().atMost(WAIT).until(() -> topicQueues(consumerA, topic).size() == 2
                    && topicQueues(consumerB, topic).size() == 2);
            boolean aFirst = clientA.clientId().compareTo(clientB.clientId()) < 0;
            Set<Integer> evenIds = Set.of(0, 2);
            PushConsumer even = aFirst ? consumerA : consumerB;
            assertThat(topicQueues(even, topic)).extracting(MessageQueue::queueId).containsExactlyInAnyOrderElementsOf(evenIds);
        }
    }

    @Test
    void broadcastingConsumersEachGetEverythingAndKeepTheirOffsetsInAFileAcrossARestart(@TempDir Path dir)
            throws Exception {
        String topic = Servers.unique("Broadcast");
        String group = Servers.unique("cg");
        List<SendResult> first = send(topic, 20);
        Deliveries one = new Deliveries();
        Deliveries two = new Deliveries();
        try (MqClient clientTwo = Servers.client(server);
             PushConsumer consumerTwo = broadcasting(clientTwo, group, topic, dir.resolve("two"), two)) {
            try (MqClient clientOne = Servers.client(server);
                 PushConsumer consumerOne = broadcasting(clientOne, group, topic, dir.resolve("one"), one)) {
                await().atMost(WAIT).until(() -> one.ids().containsAll(Deliveries.ids(first))
                        && two.ids().containsAll(Deliveries.ids(first)));
                assertThat(consumerOne.assignment()).hasSize(4).noneMatch(q -> q.topic().startsWith("%RETRY%"));
                assertThat(consumerOne.engine().offsetFile()).isEqualTo(dir.resolve("one").resolve(group + ".json"));
            }
            assertThat(Files.readString(dir.resolve("one").resolve(group + ".json"))).contains(topic);

            List<SendResult> second = send(topic, 10);
            Deliveries restarted = new Deliveries();
            try (MqClient clientOne = Servers.client(server);
                 PushConsumer consumerOne = broadcasting(clientOne, group, topic, dir.resolve("one"), restarted)) {
                await().atMost(WAIT).until(() -> restarted.ids().containsAll(Deliveries.ids(second))
                        && two.ids().containsAll(Deliveries.ids(second)));
                assertThat(restarted.ids()).as("continues from its file, not from the first offset")
                        .isEqualTo(Deliveries.ids(second));
            }
        }
        assertThat(one.duplicates()).isEmpty();
        assertThat(two.duplicates()).isEmpty();
    }

    private static PushConsumer broadcasting(MqClient client, String group, String topic, Path dir,
                                             Deliveries deliveries) {
        return PushConsumerTest.quick(client, group).subscribe(topic, "*").messageModel(MessageModel.BROADCASTING)
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).offsetStoreDirectory(dir).listener(deliveries::take).build();
    }
}
