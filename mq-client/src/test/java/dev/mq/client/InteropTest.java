package dev.mq.client;

import dev.mq.client.internal.Compression;
import dev.mq.server.EmbeddedServer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our producer and the official Apache RocketMQ client 5.5.0 understand each other, through our
 * server: what we send, the official consumer receives with the same id, tags, keys, properties and
 * body (compressed ones too); what the official producer sends, our record decoder reads back the
 * same way.
 */
@Timeout(180)
class InteropTest {

    private static EmbeddedServer server;
    private static MqClient client;
    private static Reader reader;
    private final List<Runnable> shutdowns = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = Servers.small().start();
        client = Servers.client(server);
        reader = new Reader(server.namesrvAddress());
    }

    @AfterAll
    static void stop() {
        reader.close();
        client.close();
        server.close();
    }

    @AfterEach
    void shutdownOfficialClients() {
        shutdowns.forEach(Runnable::run);
    }

    private static String compressibleText(int length) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(11);
        while (text.length() < length) {
            text.append("token").append(random.nextInt(1000)).append(' ');
        }
        return text.toString();
    }

    @Test
    void whatOurProducerSendsTheOfficialConsumerReceivesUnchanged() throws Exception {
        String topic = Servers.unique("OursToOfficial");
        String large = compressibleText(10_000);
        List<SendResult> sent = new ArrayList<>();
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            sent.add(producer.send(Message.builder(topic).tags("TagA").keys("k1", "k2").property("a", "1")
                    .property("ü", "wert").body("small").build()));
            sent.add(producer.send(Message.builder(topic).tags("TagB").keys("big").property("size", "large")
                    .body(large).build()));
            sent.addAll(producer.sendBatch(List.of(
                    Message.builder(topic).tags("TagC").keys("b0").body("batch-0").build(),
                    Message.builder(topic).tags("TagC").keys("b1").body("batch-1").build())));
            sent.add(producer.sendAsync(Message.builder(topic).shardingKey("order-1").body("ordered").build()).join());
        }

        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(Servers.unique("cg"));
        consumer.setNamesrvAddr(server.namesrvAddress());
        consumer.setInstanceName(Servers.unique("official"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1000);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(message -> received.put(message.getMsgId(), message));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        shutdowns.add(consumer::shutdown);

        await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet()
                .containsAll(sent.stream().map(SendResult::messageId).toList()));
        MessageExt small = received.get(sent.get(0).messageId());
        assertThat(small.getTopic()).isEqualTo(topic);
        assertThat(small.getTags()).isEqualTo("TagA");
        assertThat(small.getKeys()).isEqualTo("k1 k2");
        assertThat(small.getUserProperty("a")).isEqualTo("1");
        assertThat(small.getUserProperty("ü")).isEqualTo("wert");
        assertThat(new String(small.getBody(), StandardCharsets.UTF_8)).isEqualTo("small");
        assertThat(((MessageClientExt) small).getOffsetMsgId()).isEqualTo(sent.get(0).offsetMessageId());
        assertThat(small.getQueueOffset()).isEqualTo(sent.get(0).queueOffset());
        MessageExt big = received.get(sent.get(1).messageId());
        // the official decoder clears the COMPRESSED bit once it inflated the body; the zlib type bits stay
        assertThat(big.getSysFlag() & Compression.TYPE_MASK).as("sent zlib-compressed").isEqualTo(Compression.ZLIB);
        assertThat(reader.pulled(topic)).filteredOn(p -> p.message().messageId().equals(sent.get(1).messageId()))
                .singleElement().satisfies(p -> assertThat(p.sysFlag() & 0x701).isEqualTo(Compression.ZLIB_COMPRESSED));
        assertThat(new String(big.getBody(), StandardCharsets.UTF_8)).isEqualTo(large);
        assertThat(big.getKeys()).isEqualTo("big");
        assertThat(big.getUserProperty("size")).isEqualTo("large");
        for (int i = 0; i < 2; i++) {
            MessageExt inBatch = received.get(sent.get(2 + i).messageId());
            assertThat(new String(inBatch.getBody(), StandardCharsets.UTF_8)).isEqualTo("batch-" + i);
            assertThat(inBatch.getKeys()).isEqualTo("b" + i);
            assertThat(inBatch.getTags()).isEqualTo("TagC");
        }
        assertThat(received.get(sent.get(4).messageId()).getQueueId()).isEqualTo(sent.get(4).queueId());
    }

    @Test
    void whatTheOfficialProducerSendsOurDecoderReadsUnchanged() throws Exception {
        String topic = Servers.unique("OfficialToOurs");
        DefaultMQProducer producer = new DefaultMQProducer(Servers.unique("official-pg"));
        producer.setNamesrvAddr(server.namesrvAddress());
        producer.setInstanceName(Servers.unique("official"));
        producer.start();
        shutdowns.add(producer::shutdown);
        String large = compressibleText(10_000);

        org.apache.rocketmq.common.message.Message small = new org.apache.rocketmq.common.message.Message(topic, "TagA",
                "k1 k2", "small".getBytes(StandardCharsets.UTF_8));
        small.putUserProperty("a", "1");
        small.putUserProperty("ü", "wert");
        org.apache.rocketmq.client.producer.SendResult smallResult = producer.send(small);
        org.apache.rocketmq.common.message.Message big = new org.apache.rocketmq.common.message.Message(topic, "TagB",
                "big", large.getBytes(StandardCharsets.UTF_8));
        org.apache.rocketmq.client.producer.SendResult bigResult = producer.send(big);
        org.apache.rocketmq.client.producer.SendResult batchResult = producer.send(List.of(
                new org.apache.rocketmq.common.message.Message(topic, "TagC", "b0", "batch-0".getBytes(StandardCharsets.UTF_8)),
                new org.apache.rocketmq.common.message.Message(topic, "TagC", "b1", "batch-1".getBytes(StandardCharsets.UTF_8))));
        assertThat(List.of(smallResult, bigResult, batchResult)).extracting(
                org.apache.rocketmq.client.producer.SendResult::getSendStatus).containsOnly(SendStatus.SEND_OK);

        Map<String, Reader.Pulled> pulled = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pulled.putAll(reader.pulled(topic).stream()
                    .collect(Collectors.toMap(p -> p.message().messageId(), Function.identity())));
            return pulled.size() >= 4;
        });
        ReceivedMessage ours = pulled.get(smallResult.getMsgId()).message();
        assertThat(ours.offsetMessageId()).isEqualTo(smallResult.getOffsetMsgId());
        assertThat(ours.topic()).isEqualTo(topic);
        assertThat(ours.tags()).isEqualTo("TagA");
        assertThat(ours.keys()).containsExactly("k1", "k2");
        assertThat(ours.properties()).containsOnly(Map.entry("a", "1"), Map.entry("ü", "wert"));
        assertThat(new String(ours.body(), StandardCharsets.UTF_8)).isEqualTo("small");
        assertThat(ours.queueOffset()).isEqualTo(smallResult.getQueueOffset());
        Reader.Pulled bigPulled = pulled.get(bigResult.getMsgId());
        assertThat(bigPulled.sysFlag() & 0x701).as("the official client compressed it").isEqualTo(Compression.ZLIB_COMPRESSED);
        assertThat(new String(bigPulled.message().body(), StandardCharsets.UTF_8)).isEqualTo(large);
        assertThat(bigPulled.message().keys()).containsExactly("big");
        String[] batchIds = batchResult.getMsgId().split(",");
        for (int i = 0; i < 2; i++) {
            ReceivedMessage inBatch = pulled.get(batchIds[i]).message();
            assertThat(new String(inBatch.body(), StandardCharsets.UTF_8)).isEqualTo("batch-" + i);
            assertThat(inBatch.keys()).containsExactly("b" + i);
        }
    }
}
