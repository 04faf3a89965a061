package dev.mq.compat;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Send and consume with the official Apache RocketMQ client against one server process. */
@Timeout(180)
class MessagingCompatTest {

    @TempDir
    static Path dataDir;

    static ServerProcess server;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final List<Runnable> cleanup = new ArrayList<>();

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

    @AfterEach
    void shutdownClients() {
        cleanup.forEach(Runnable::run);
    }

    static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(server.namesrvAddr());
        producer.setInstanceName(unique("p"));
        producer.start();
        cleanup.add(producer::shutdown);
        return producer;
    }

    DefaultMQPushConsumer pushConsumer(String group, String topic, String tags, Map<String, MessageExt> sink)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(server.namesrvAddr());
        consumer.setInstanceName(unique("c"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, tags);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                sink.put(new String(message.getBody(), StandardCharsets.UTF_8), message);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        cleanup.add(0, consumer::shutdown);
        return consumer;
    }

    static Message message(String topic, String tag, String body) {
        return new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void syncAsyncOnewayAndBatchSendsAreAllConsumed() throws Exception {
        String topic = unique("Normal");
        DefaultMQProducer producer = producer(unique("pg"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message message = message(topic, "TagA", "sync-" + i);
            message.setKeys("key-" + i);
            SendResult result = producer.send(message);
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.getMsgId()).isNotBlank();
            assertThat(result.getOffsetMsgId()).hasSize(32);
            expected.add("sync-" + i);
        }
        CountDownLatch asyncDone = new CountDownLatch(5);
        List<Throwable> asyncFailures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            producer.send(message(topic, "TagA", "async-" + i), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    asyncDone.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    asyncFailures.add(e);
                    asyncDone.countDown();
                }
            });
            expected.add("async-" + i);
        }
        assertThat(asyncDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(asyncFailures).isEmpty();
        for (int i = 0; i < 3; i++) {
            producer.sendOneway(message(topic, "TagA", "oneway-" + i));
            expected.add("oneway-" + i);
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(message(topic, "TagA", "batch-" + i));
            expected.add("batch-" + i);
        }
        SendResult batchResult = producer.send(batch);
        assertThat(batchResult.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(batchResult.getMsgId().split(",")).hasSize(4);

        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        pushConsumer(unique("cg"), topic, "*", received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(expected));
        MessageExt first = received.get("sync-0");
        assertThat(first.getTopic()).isEqualTo(topic);
        assertThat(first.getTags()).isEqualTo("TagA");
        assertThat(first.getKeys()).isEqualTo("key-0");
        assertThat(first.getBornHostString()).isNotBlank();
    }

    @Test
    void aTagFilterDeliversOnlyTheSubscribedTags() throws Exception {
        String topic = unique("Tagged");
        DefaultMQProducer producer = producer(unique("pg"));
        for (String tag : List.of("TagA", "TagB", "TagC", "TagA", "TagB", "TagC")) {
            producer.send(message(topic, tag, tag + "-" + SEQUENCE.incrementAndGet()));
        }
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        pushConsumer(unique("cg"), topic, "TagA || TagB", received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 4);
        producer.send(message(topic, "TagA", "TagA-late"));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsKey("TagA-late"));
        assertThat(received.values()).extracting(MessageExt::getTags).containsOnly("TagA", "TagB");
        assertThat(received).hasSize(5);
    }

    @Test
    void bodiesLargerThanTheCompressionThresholdArriveIntact() throws Exception {
        String topic = unique("Large");
        DefaultMQProducer producer = producer(unique("pg"));
        StringBuilder body = new StringBuilder("large|");
        Random random = new Random(42);
        while (body.length() < 100_000) {
            body.append((char) ('a' + random.nextInt(26)));
        }
        assertThat(producer.send(message(topic, "T", body.toString())).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        pushConsumer(unique("cg"), topic, "*", received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsKey(body.toString()));
        assertThat(received.get(body.toString()).getBody()).hasSize(body.length());
    }

    @Test
    void messagesAreFoundByKeyAndById() throws Exception {
        String topic = unique("Query");
        DefaultMQProducer producer = producer(unique("pg"));
        Message message = message(topic, "T", "findable");
        message.setKeys(List.of("order-42", "customer-7"));
        long before = System.currentTimeMillis() - 1000;
        SendResult sent = producer.send(message);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(producer.queryMessage(topic, "order-42", 10,
                before, System.currentTimeMillis() + 60_000).getMessageList())
                .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8)).containsExactly("findable"));
        MessageExt byOffsetId = producer.viewMessage(topic, sent.getOffsetMsgId());
        assertThat(new String(byOffsetId.getBody(), StandardCharsets.UTF_8)).isEqualTo("findable");
        MessageExt byUniqueId = producer.viewMessage(topic, sent.getMsgId());
        assertThat(byUniqueId.getMsgId()).isEqualTo(sent.getMsgId());
        assertThat(Set.of(byUniqueId.getKeys().split(" "))).containsExactlyInAnyOrder("order-42", "customer-7");
    }
}
