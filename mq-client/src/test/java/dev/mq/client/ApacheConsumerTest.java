package dev.mq.client;

import dev.mq.apache.harness.ApacheRocketMq;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our producer, push consumer and pull consumer against Apache RocketMQ 5.5.0 itself (one name server
 * and broker for the whole class, delay levels of 1 s so that retries are quick): send and consume
 * with the same ids, pull with seek, retries into the dead-letter topic, orderly consumption,
 * broadcasting, and Apache's admin API reading our running info and resetting our offsets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ApacheConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ApacheRocketMq apache;
    private MqClient client;
    private Producer producer;

    @BeforeAll
    void startApache() {
        apache = ApacheRocketMq.builder(freshDir("consumers"))
                .brokerProperty("messageDelayLevel", "1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s")
                .start();
        client = apacheClient();
        producer = client.producer(Servers.unique("pg")).build();
    }

    @AfterAll
    void stopApache() {
        if (client != null) {
            client.close();
        }
        if (apache != null) {
            apache.close();
        }
    }

    private MqClient apacheClient() {
        return MqClient.builder().namesrv(apache.namesrvAddress()).routeRefreshInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(1)).build();
    }

    private static Path freshDir(String name) {
        Path dir = Path.of("target", "apache-rocketmq", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private List<SendResult> send(String topic, int count, String shardingKey) {
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey(shardingKey).tags("T" + (i % 2)).keys("k" + i)
                    .property("i", Integer.toString(i)).body("a" + i).build()));
        }
        return sent;
    }

    private static String text(ReceivedMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendPushConsumeAndPullWithSeek() {
        String topic = Servers.unique("ApacheSend");
        List<SendResult> sent = send(topic, 30, null);
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "T0 || T1")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
        }
        for (SendResult result : sent) {
            ReceivedMessage message = deliveries.of(result.messageId()).get(0);
            assertThat(message.offsetMessageId()).isEqualTo(result.offsetMessageId());
            assertThat(message.queueOffset()).isEqualTo(result.queueOffset());
            assertThat(message.brokerName()).isEqualTo(apache.brokerName());
        }
        ReceivedMessage first = deliveries.of(sent.get(0).messageId()).get(0);
        assertThat(first.tags()).isEqualTo("T0");
        assertThat(first.keys()).containsExactly("k0");
        assertThat(first.property("i")).isEqualTo("0");
        assertThat(deliveries.duplicates()).isEmpty();

        MessageQueue queue = first.queue();
        try (PullConsumer pull = client.pullConsumer(Servers.unique("cg")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .autoCommit(false).build()) {
            assertThat(pull.queues(topic)).contains(queue);
            pull.assign(List.of(queue));
            List<ReceivedMessage> polled = new ArrayList<>();
            long inQueue = sent.stream().filter(r -> r.queueId() == queue.queueId()).count();
            await().atMost(WAIT).until(() -> {
                polled.addAll(pull.poll(Duration.ofMillis(200)));
                return polled.size() >= inQueue;
            });
            assertThat(polled).extracting(ReceivedMessage::queueOffset).isSorted();
            pull.seek(queue, 1);
            List<ReceivedMessage> again = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                again.addAll(pull.poll(Duration.ofMillis(200)));
                return !again.isEmpty();
            });
            assertThat(again.get(0).queueOffset()).isEqualTo(1);
            pull.commit(Map.of(queue, 3L));
            assertThat(pull.committed(queue)).hasValue(3);
        }
    }

    @Test
    void aSubscribedPullConsumerGetsEverything() {
        String topic = Servers.unique("ApachePull");
        List<SendResult> sent = send(topic, 20, null);
        try (PullConsumer pull = client.pullConsumer(Servers.unique("cg")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(1)).build()) {
            pull.subscribe(topic, "*");
            Deliveries deliveries = new Deliveries();
            await().atMost(WAIT).until(() -> {
                deliveries.record(pull.poll(Duration.ofMillis(200)));
                return deliveries.ids().containsAll(Deliveries.ids(sent));
            });
        }
    }

    @Test
    void failingMessagesAreRetriedThenDeadLettered() {
        String topic = Servers.unique("ApacheRetry");
        SendResult poison = producer.send(Message.builder(topic).tags("bad").keys("p").body("poison").build());
        String group = Servers.unique("cg");
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, group).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).maxReconsumeTimes(2)
                .listener(messages -> {
                    deliveries.record(messages);
                    return ConsumeResult.RETRY_LATER;
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.of(poison.messageId()).size() >= 3);
            assertThat(deliveries.of(poison.messageId())).extracting(ReceivedMessage::reconsumeTimes)
                    .containsExactly(0, 1, 2);
            assertThat(deliveries.of(poison.messageId())).allMatch(m -> m.topic().equals(topic));
        }
        try (PullConsumer dlq = client.pullConsumer(Servers.unique("reader")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .autoCommit(false).build()) {
            List<ReceivedMessage> dead = new ArrayList<>();
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                if (dlq.assignment().isEmpty()) {
                    dlq.assign(dlq.queues("%DLQ%" + group));
                }
                dead.addAll(dlq.poll(Duration.ofMillis(200)));
                return !dead.isEmpty();
            });
            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(poison.messageId());
                assertThat(m.storedTopic()).isEqualTo("%DLQ%" + group);
                assertThat(text(m)).isEqualTo("poison");
            });
        }
    }

    @Test
    void orderlyConsumptionKeepsQueueOrderAndRetriesInPlace() {
        String topic = Servers.unique("ApacheOrderly");
        List<String> keys = List.of("o1", "o2", "o3");
        for (int i = 0; i < 15; i++) {
            for (String key : keys) {
                producer.send(Message.builder(topic).shardingKey(key).keys(key).body(key + ":" + i).build());
            }
        }
        Map<String, List<String>> byKey = new ConcurrentHashMap<>();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).orderlyRetryDelay(Duration.ofMillis(100))
                .orderlyListener(messages -> {
                    ReceivedMessage message = messages.get(0);
                    byKey.computeIfAbsent(message.keys().get(0), k -> new CopyOnWriteArrayList<>()).add(text(message));
                    return text(message).equals("o2:3") && message.reconsumeTimes() == 0
                            ? ConsumeResult.RETRY_LATER : ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> keys.stream().allMatch(k -> byKey.getOrDefault(k, List.of())
                    .contains(k + ":14")));
        }
        for (String key : keys) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                expected.add(key + ":" + i);
                if (key.equals("o2") && i == 3) {
                    expected.add(key + ":" + i);
                }
            }
            assertThat(byKey.get(key)).isEqualTo(expected);
        }
    }

    @Test
    void broadcastingConsumersBothGetEverything(@org.junit.jupiter.api.io.TempDir Path offsets) {
        String topic = Servers.unique("ApacheBroadcast");
        send(topic, 1, null); // creates the topic
        String group = Servers.unique("cg");
        Deliveries one = new Deliveries();
        Deliveries two = new Deliveries();
        try (MqClient other = apacheClient();
             PushConsumer a = PushConsumerTest.quick(client, group).subscribe(topic, "*")
                     .messageModel(MessageModel.BROADCASTING).offsetStoreDirectory(offsets.resolve("a"))
                     .listener(one::take).build();
             PushConsumer b = PushConsumerTest.quick(other, group).subscribe(topic, "*")
                     .messageModel(MessageModel.BROADCASTING).offsetStoreDirectory(offsets.resolve("b"))
                     .listener(two::take).build()) {
            await().atMost(WAIT).until(() -> a.assignment().size() == 4 && b.assignment().size() == 4);
            List<SendResult> sent = send(topic, 20, null);
            await().atMost(WAIT).until(() -> one.ids().containsAll(Deliveries.ids(sent))
                    && two.ids().containsAll(Deliveries.ids(sent)));
        }
    }

    @Test
    void apachesAdminApiReadsOurRunningInfoAndResetsOurOffsets() throws Exception {
        String topic = Servers.unique("ApacheAdmin");
        List<SendResult> sent = send(topic, 10, null);
        String group = Servers.unique("cg");
        Deliveries deliveries = new Deliveries();
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(apache.namesrvAddress());
        admin.setInstanceName(Servers.unique("admin"));
        admin.start();
        try (PushConsumer consumer = PushConsumerTest.quick(client, group).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));

            ConsumerRunningInfo info = admin.getConsumerRunningInfo(group, client.clientId(), false);
            assertThat(info.getProperties().getProperty("PROP_CONSUME_TYPE")).isEqualTo("CONSUME_PASSIVELY");
            assertThat(info.getSubscriptionSet()).extracting(s -> s.getTopic())
                    .containsExactlyInAnyOrder(topic, "%RETRY%" + group);
            assertThat(info.getMqTable().keySet()).extracting(q -> q.getTopic()).contains(topic);

            admin.resetOffsetByTimestamp(topic, group, 0, true);
            await().atMost(WAIT).until(() -> sent.stream().allMatch(r -> deliveries.of(r.messageId()).size() >= 2));
        } finally {
            admin.shutdown();
        }
    }
}
