package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our consumers and the official 5.5.0 client, through our server: what the official producer sends
 * (plain, compressed, batched) our push consumer receives unchanged and with the same ids; what our
 * producer sends, the official push consumer and ours see with the same message and offset message
 * ids; and the official push consumer and ours share one group's queues.
 */
@Timeout(120)
class ConsumerInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedServer server;
    private static MqClient client;
    private final List<Runnable> shutdowns = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = Servers.small().start();
        client = Servers.client(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void shutdownOfficialClients() {
        shutdowns.forEach(Runnable::run);
    }

    private DefaultMQPushConsumer officialConsumer(String group, String topic, Map<String, MessageExt> into) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(server.namesrvAddress());
        consumer.setInstanceName(Servers.unique("official"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1000);
        try {
            consumer.subscribe(topic, "*");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(message -> into.put(message.getMsgId(), message));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return consumer;
    }

    @Test
    void whatTheOfficialProducerSendsOurPushConsumerReceivesUnchanged() throws Exception {
        String topic = Servers.unique("OfficialToPush");
        DefaultMQProducer producer = new DefaultMQProducer(Servers.unique("official-pg"));
        producer.setNamesrvAddr(server.namesrvAddress());
        producer.setInstanceName(Servers.unique("official"));
        producer.start();
        shutdowns.add(producer::shutdown);
        String large = "compressible text ".repeat(800);

        org.apache.rocketmq.common.message.Message small = new org.apache.rocketmq.common.message.Message(topic, "TagA",
                "k1 k2", "small".getBytes(StandardCharsets.UTF_8));
        small.putUserProperty("a", "1");
        small.putUserProperty("ü", "wert");
        var smallResult = producer.send(small);
        var bigResult = producer.send(new org.apache.rocketmq.common.message.Message(topic, "TagB", "big",
                large.getBytes(StandardCharsets.UTF_8)));
        var batchResult = producer.send(List.of(
                new org.apache.rocketmq.common.message.Message(topic, "TagC", "b0", "batch-0".getBytes(StandardCharsets.UTF_8)),
                new org.apache.rocketmq.common.message.Message(topic, "TagC", "b1", "batch-1".getBytes(StandardCharsets.UTF_8))));
        String[] batchIds = batchResult.getMsgId().split(",");

        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(
                    Set.of(smallResult.getMsgId(), bigResult.getMsgId(), batchIds[0], batchIds[1])));
        }
        ReceivedMessage ours = deliveries.of(smallResult.getMsgId()).get(0);
        assertThat(ours.offsetMessageId()).isEqualTo(smallResult.getOffsetMsgId());
        assertThat(ours.topic()).isEqualTo(topic);
        assertThat(ours.tags()).isEqualTo("TagA");
        assertThat(ours.keys()).containsExactly("k1", "k2");
        assertThat(ours.properties()).containsOnly(Map.entry("a", "1"), Map.entry("ü", "wert"));
        assertThat(ours.queueOffset()).isEqualTo(smallResult.getQueueOffset());
        assertThat(ours.queueId()).isEqualTo(smallResult.getMessageQueue().getQueueId());
        assertThat(new String(ours.body(), StandardCharsets.UTF_8)).isEqualTo("small");
        ReceivedMessage big = deliveries.of(bigResult.getMsgId()).get(0);
        assertThat(new String(big.body(), StandardCharsets.UTF_8)).isEqualTo(large);
        assertThat(big.offsetMessageId()).isEqualTo(bigResult.getOffsetMsgId());
        for (int i = 0; i < 2; i++) {
            ReceivedMessage inBatch = deliveries.of(batchIds[i]).get(0);
            assertThat(new String(inBatch.body(), StandardCharsets.UTF_8)).isEqualTo("batch-" + i);
            assertThat(inBatch.keys()).containsExactly("b" + i);
            assertThat(inBatch.tags()).isEqualTo("TagC");
            assertThat(inBatch.queueOffset()).isEqualTo(batchResult.getQueueOffset() + i);
        }
    }

    @Test
    void theOfficialPushConsumerAndOursSeeTheSameIdsForWhatOurProducerSends() throws Exception {
        String topic = Servers.unique("SameIds");
        List<SendResult> sent = new ArrayList<>();
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            sent.add(producer.send(Message.builder(topic).tags("T").keys("one").property("x", "y").body("plain").build()));
            sent.add(producer.send(Message.builder(topic).body("zipped ".repeat(1000)).build()));
            sent.addAll(producer.sendBatch(List.of(Message.builder(topic).body("b0").build(),
                    Message.builder(topic).body("b1").build())));
        }
        Map<String, MessageExt> official = new ConcurrentHashMap<>();
        DefaultMQPushConsumer officialConsumer = officialConsumer(Servers.unique("cg"), topic, official);
        officialConsumer.start();
        shutdowns.add(officialConsumer::shutdown);
        Deliveries ours = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(ours::take).build()) {
            await().atMost(WAIT).until(() -> ours.ids().containsAll(Deliveries.ids(sent))
                    && official.keySet().containsAll(Deliveries.ids(sent)));
        }
        for (SendResult result : sent) {
            MessageExt theirs = official.get(result.messageId());
            ReceivedMessage mine = ours.of(result.messageId()).get(0);
            assertThat(((MessageClientExt) theirs).getOffsetMsgId()).isEqualTo(mine.offsetMessageId())
                    .isEqualTo(result.offsetMessageId());
            assertThat(theirs.getQueueOffset()).isEqualTo(mine.queueOffset());
            assertThat(theirs.getCommitLogOffset()).isEqualTo(mine.commitLogOffset());
            assertThat(theirs.getBody()).isEqualTo(mine.body());
            assertThat(theirs.getBornTimestamp()).isEqualTo(mine.bornTimestamp().toEpochMilli());
            assertThat(theirs.getStoreTimestamp()).isEqualTo(mine.storeTimestamp().toEpochMilli());
        }
    }

    @Test
    void theOfficialPushConsumerAndOursShareOneGroup() throws Exception {
        String topic = Servers.unique("MixedGroup");
        String group = Servers.unique("cg");
        List<SendResult> sent = new ArrayList<>();
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            for (int i = 0; i < 40; i++) {
                sent.add(producer.send(Message.builder(topic).body("m" + i).build()));
            }
        }
        Map<String, MessageExt> official = new ConcurrentHashMap<>();
        DefaultMQPushConsumer officialConsumer = officialConsumer(group, topic, official);
        officialConsumer.start();
        shutdowns.add(officialConsumer::shutdown);
        Deliveries ours = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, group).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(ours::take).build()) {
            await().atMost(WAIT).until(() -> consumer.assignment().stream()
                    .filter(q -> q.topic().equals(topic)).count() == 2);
            await().atMost(WAIT).until(() -> {
                Set<String> all = new HashSet<>(ours.ids());
                all.addAll(official.keySet());
                return all.containsAll(Deliveries.ids(sent));
            });
            assertThat(ours.count()).isPositive();
            assertThat(official).isNotEmpty();
        }
    }
}
