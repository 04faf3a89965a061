package dev.mq.client;

import dev.mq.client.internal.Compression;
import dev.mq.message.PropertyNames;
import dev.mq.protocol.ResponseCode;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every kind of send against our real server, read back as a consumer reads it. */
@Timeout(120)
class ProducerTest {

    private static EmbeddedServer server;
    private static MqClient client;
    private static Reader reader;

    @BeforeAll
    static void start() {
        server = Servers.small().start();
        client = Servers.client(server);
        reader = new Reader(server.namesrvAddress());
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, ReceivedMessage> awaitStored(String topic, int count) {
        List<ReceivedMessage> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            found.clear();
            found.addAll(reader.messages(topic));
            return found.size() >= count;
        });
        assertThat(found).hasSize(count);
        return found.stream().collect(Collectors.toMap(ReceivedMessage::messageId, Function.identity()));
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aSyncSendIsStoredWithItsIdTagsKeysPropertiesAndBody() {
        String topic = Servers.unique("Sync");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            SendResult result = producer.send(Message.builder(topic).tags("created").keys("order-42", "customer-7")
                    .property("region", "eu").property("ünïcode", "välue").body("hello").build());

            assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
            assertThat(result.messageId()).matches("[0-9A-F]{32}");
            assertThat(result.offsetMessageId()).matches("[0-9A-F]{32}");
            assertThat(result.topic()).isEqualTo(topic);
            assertThat(result.brokerName()).isEqualTo("broker-a");

            ReceivedMessage stored = awaitStored(topic, 1).get(result.messageId());
            assertThat(stored.offsetMessageId()).isEqualTo(result.offsetMessageId());
            assertThat(stored.queueId()).isEqualTo(result.queueId());
            assertThat(stored.queueOffset()).isEqualTo(result.queueOffset());
            assertThat(stored.topic()).isEqualTo(topic);
            assertThat(stored.tags()).isEqualTo("created");
            assertThat(stored.keys()).containsExactly("order-42", "customer-7");
            assertThat(stored.properties()).containsOnly(Map.entry("region", "eu"), Map.entry("ünïcode", "välue"));
            assertThat(stored.systemProperties()).containsEntry(PropertyNames.UNIQ_KEY, result.messageId())
                    .containsEntry(PropertyNames.WAIT_STORE, "true");
            assertThat(text(stored.body())).isEqualTo("hello");
            assertThat(stored.reconsumeTimes()).isZero();
            assertThat(stored.storeTimestamp()).isAfterOrEqualTo(stored.bornTimestamp().minusSeconds(5));
        }
    }

    @Test
    void asyncSendsCompleteOnCallbackThreadsWithTheirOwnResults() {
        String topic = Servers.unique("Async");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            List<String> threads = new CopyOnWriteArrayList<>();
            List<CompletableFuture<SendResult>> futures = new ArrayList<>();
            Thread caller = Thread.currentThread();
            for (int i = 0; i < 20; i++) {
                CompletableFuture<SendResult> sent = producer.sendAsync(Message.builder(topic).body("async-" + i).build());
                // a stage attached after completion runs on the attaching thread: only that case may be the caller
                boolean[] attached = {false};
                futures.add(sent.thenApply(result -> {
                    boolean attachedLate = Thread.currentThread() == caller && !attached[0];
                    threads.add(attachedLate ? "completed before attached" : Thread.currentThread().getName());
                    return result;
                }));
                attached[0] = true;
            }
            List<SendResult> results = futures.stream().map(CompletableFuture::join).toList();

            assertThat(threads).hasSize(20).allSatisfy(name -> assertThat(name)
                    .matches("mq-client-callback-.*|completed before attached"));
            Map<String, ReceivedMessage> stored = awaitStored(topic, 20);
            for (int i = 0; i < 20; i++) {
                assertThat(text(stored.get(results.get(i).messageId()).body())).isEqualTo("async-" + i);
            }
        }
    }

    @Test
    void onewaySendsArrive() {
        String topic = Servers.unique("Oneway");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("first, creates the topic").build());
            for (int i = 0; i < 10; i++) {
                producer.sendOneway(Message.builder(topic).body("oneway-" + i).build());
            }
            Set<String> bodies = awaitStored(topic, 11).values().stream().map(m -> text(m.body()))
                    .collect(Collectors.toSet());
            for (int i = 0; i < 10; i++) {
                assertThat(bodies).contains("oneway-" + i);
            }
        }
    }

    @Test
    void aBatchIsStoredInOneQueueWithConsecutiveOffsetsAndOneIdPerMessage() {
        String topic = Servers.unique("Batch");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(Message.builder(topic).tags("b").keys("key-" + i).property("index", "" + i)
                        .body("batch-" + i).build());
            }
            List<SendResult> results = producer.sendBatch(batch);
            List<SendResult> asyncResults = producer.sendBatchAsync(batch.subList(0, 2)).join();

            assertThat(results).hasSize(5);
            assertThat(results).extracting(SendResult::queueId).containsOnly(results.get(0).queueId());
            for (int i = 0; i < 5; i++) {
                assertThat(results.get(i).queueOffset()).isEqualTo(results.get(0).queueOffset() + i);
            }
            assertThat(results.stream().map(SendResult::messageId).collect(Collectors.toSet())).hasSize(5);
            Map<String, ReceivedMessage> stored = awaitStored(topic, 7);
            for (int i = 0; i < 5; i++) {
                ReceivedMessage message = stored.get(results.get(i).messageId());
                assertThat(text(message.body())).isEqualTo("batch-" + i);
                assertThat(message.keys()).containsExactly("key-" + i);
                assertThat(message.property("index")).isEqualTo("" + i);
                assertThat(message.offsetMessageId()).isEqualTo(results.get(i).offsetMessageId());
                assertThat(message.queueOffset()).isEqualTo(results.get(i).queueOffset());
            }
            assertThat(asyncResults).extracting(SendResult::messageId).doesNotContainAnyElementsOf(
                    results.stream().map(SendResult::messageId).toList());
        }
    }

    @Test
    void messagesWithOneShardingKeyGoToOneQueueInTheirOrder() {
        String topic = Servers.unique("Ordered");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("creates the topic with 4 queues").build());
            List<String> keys = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
            Map<String, Set<Integer>> queuesByKey = new java.util.HashMap<>();
            for (int i = 0; i < 10; i++) {
                for (String key : keys) {
                    SendResult result = producer.send(Message.builder(topic).shardingKey(key).body(key + "#" + i).build());
                    queuesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(result.queueId());
                    assertThat(result.queueId()).isEqualTo(Math.abs(key.hashCode() % 4));
                }
            }
            assertThat(queuesByKey.values()).allSatisfy(queues -> assertThat(queues).hasSize(1));

            List<ReceivedMessage> stored = new ArrayList<>(awaitStored(topic, 51).values());
            stored.sort(Comparator.comparingInt(ReceivedMessage::queueId).thenComparingLong(ReceivedMessage::queueOffset));
            for (String key : keys) {
                List<String> inQueueOrder = stored.stream().map(m -> text(m.body())).filter(b -> b.startsWith(key + "#"))
                        .toList();
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    sent.add(key + "#" + i);
                }
                assertThat(inQueueOrder).containsExactlyElementsOf(sent);
                assertThat(stored.stream().filter(m -> text(m.body()).startsWith(key + "#")))
                        .allSatisfy(m -> assertThat(m.systemProperties()).containsEntry(PropertyNames.SHARDING_KEY, key));
            }
        }
    }

    @Test
    void bodiesFromTheThresholdOnAreZlibCompressedAndReadBackWhole() {
        String topic = Servers.unique("Compressed");
        StringBuilder large = new StringBuilder();
        Random random = new Random(7);
        while (large.length() < 8 * 1024) {
            large.append("word").append(random.nextInt(100)).append(' ');
        }
        byte[] incompressible = new byte[5000];
        random.nextBytes(incompressible);
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            SendResult big = producer.send(Message.builder(topic).body(large.toString()).build());
            SendResult small = producer.send(Message.builder(topic).body("x".repeat(4095)).build());
            SendResult random5k = producer.send(Message.builder(topic).body(incompressible).build());

            awaitStored(topic, 3);
            Map<String, Reader.Pulled> pulled = reader.pulled(topic).stream()
                    .collect(Collectors.toMap(p -> p.message().messageId(), Function.identity()));
            assertThat(pulled.get(big.messageId()).sysFlag() & 0x701).isEqualTo(Compression.ZLIB_COMPRESSED);
            assertThat(text(pulled.get(big.messageId()).message().body())).isEqualTo(large.toString());
            assertThat(pulled.get(small.messageId()).sysFlag() & 0x701).isZero();
            assertThat(pulled.get(random5k.messageId()).sysFlag() & 0x701)
                    .as("a body compression would make larger is sent as it is").isZero();
            assertThat(pulled.get(random5k.messageId()).message().body()).isEqualTo(incompressible);
        }
    }

    @Test
    void aDelayLevelDeliversTheMessageLater() {
        String topic = Servers.unique("DelayLevel");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("creates the topic").build());
            SendResult delayed = producer.send(Message.builder(topic).delayLevel(2).body("five seconds").build());

            ReceivedMessage delivered = awaitStored(topic, 2).get(delayed.messageId());
            assertThat(Duration.between(delivered.bornTimestamp(), delivered.storeTimestamp()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(4500));
            assertThat(delivered.systemProperties()).containsEntry(PropertyNames.REAL_TOPIC, topic);
        }
    }

    @Test
    void aDelayAndADeliveryTimeAreHonouredByTheTimer() {
        String topic = Servers.unique("Timer");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("creates the topic").build());
            SendResult afterDelay = producer.send(Message.builder(topic).delay(Duration.ofSeconds(2)).body("delay").build());
            Instant at = Instant.now().plusSeconds(3);
            SendResult atTime = producer.send(Message.builder(topic).deliverAt(at).body("at").build());

            Map<String, ReceivedMessage> stored = awaitStored(topic, 3);
            ReceivedMessage first = stored.get(afterDelay.messageId());
            assertThat(Duration.between(first.bornTimestamp(), first.storeTimestamp()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            assertThat(stored.get(atTime.messageId()).storeTimestamp()).isAfterOrEqualTo(at.minusSeconds(1));
        }
    }

    @Test
    void aRefusedMessageFailsAtOnceWithTheBrokersCodeAndRemark() {
        String topic = Servers.unique("Refused");
        try (Producer producer = client.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("creates the topic").build());
            Message tooLate = Message.builder(topic).delay(Duration.ofDays(10)).body("ten days").build();

            assertThatThrownBy(() -> producer.send(tooLate))
                    .isInstanceOfSatisfying(MqBrokerException.class, e -> {
                        assertThat(e.responseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
                        assertThat(e.remark()).isNotBlank();
                        assertThat(e.brokerAddress()).isEqualTo(server.brokerAddress());
                        assertThat(e.getMessage()).contains("after 1 attempt", "13 MESSAGE_ILLEGAL", topic);
                    });
            assertThat(producer.sendAsync(tooLate)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(MqBrokerException.class);
        }
    }

    @Test
    void aGroupHasOneProducerPerClientAndAClosedProducerRefusesSends() {
        String group = Servers.unique("pg");
        Producer producer = client.producer(group).build();
        assertThatThrownBy(() -> client.producer(group).build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("already has a producer of group " + group);
        producer.close();
        producer.close();

        Message message = Message.builder("AnyTopic").body("x").build();
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("closed");
        assertThat(producer.sendAsync(message)).isCompletedExceptionally();
        try (Producer again = client.producer(group).build()) {
            assertThat(again.group()).isEqualTo(group);
        }
    }

    @Test
    void closingTheClientClosesItsProducers() {
        MqClient own = Servers.client(server);
        Producer producer = own.producer(Servers.unique("pg")).build();
        producer.send(Message.builder(Servers.unique("Closing")).body("x").build());

        own.close();

        assertThatThrownBy(() -> producer.send(Message.builder("AnyTopic").body("x").build()))
                .isInstanceOf(MqClientException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> own.producer("another")).isInstanceOf(MqClientException.class);
        own.close();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> client.producer("bad group!").build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("group name");
        assertThatThrownBy(() -> client.producer("g").retries(-1).build()).hasMessageContaining("retries");
        assertThatThrownBy(() -> client.producer("g").sendTimeout(Duration.ZERO).build())
                .hasMessageContaining("sendTimeout");
        assertThatThrownBy(() -> client.producer("g").compressionLevel(10).build())
                .hasMessageContaining("compressionLevel");
        assertThatThrownBy(() -> MqClient.builder().build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("namesrv");
        assertThatThrownBy(() -> MqClient.builder().namesrv("localhost").build()).hasMessageContaining("host:port");
    }
}
