package dev.mq.client;

import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.consumer.ProcessQueue;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.header.ResetOffsetHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The push consumer against our server, one consumer at a time: a backlog, tag filters, flow
 * control, pause and resume, the consume timeout, an offset reset pushed by the broker, a graceful
 * close that hands over to the next consumer without duplicates, and settings refused at build.
 */
@Timeout(120)
class PushConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedServer server;
    private static MqClient client;
    private static Producer producer;

    @BeforeAll
    static void start() {
        server = Servers.small().property("mq.broker.delay-levels", "100ms,200ms,300ms").start();
        client = Servers.client(server);
        producer = client.producer(Servers.unique("pg")).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** A consumer builder with the test's quick intervals. */
    static PushConsumer.Builder quick(MqClient client, String group) {
        return client.pushConsumer(group).rebalanceInterval(Duration.ofSeconds(1))
                .offsetCommitInterval(Duration.ofMillis(200)).longPolling(Duration.ofSeconds(2))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    private static List<SendResult> send(String topic, int count, String prefix) {
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(Message.builder(topic).keys(prefix + i).body(prefix + i).build()));
        }
        return sent;
    }

    @Test
    void listenerCallsRunOnTheApplicationsThreadFactoryNamedByTheConsumer() {
        String topic = Servers.unique("OwnThreads");
        send(topic, 20, "t");
        Set<Thread> made = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ThreadFactory own = task -> {
            Thread thread = new Thread(task);
            made.add(thread);
            return thread;
        };
        Set<Thread> ranOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        String group = Servers.unique("own-threads");
        try (PushConsumer consumer = quick(client, group).subscribe(topic, "*").consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .threads(2).consumeThreadFactory(own).listener(messages -> {
                    ranOn.add(Thread.currentThread());
                    received.addAndGet(messages.size());
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasValueGreaterThanOrEqualTo(20));
        }
        assertThat(made).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(made).containsAll(ranOn);
        assertThat(ranOn).allSatisfy(thread -> {
            assertThat(thread.getName()).startsWith("mq-consumer-" + group + "-consume-");
            assertThat(thread.isDaemon()).isTrue();
        });
    }

    @Test
    void consumesABacklogConcurrentlyWithEveryField() {
        String topic = Servers.unique("Backlog");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(producer.send(Message.builder(topic).tags("T" + (i % 3)).keys("k" + i, "x" + i)
                    .property("n", Integer.toString(i)).body("m" + i).build()));
        }
        Deliveries deliveries = new Deliveries();
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .listener(messages -> {
                    threads.add(Thread.currentThread().getName());
                    return deliveries.take(messages);
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
            SendResult first = sent.get(0);
            ReceivedMessage message = deliveries.of(first.messageId()).get(0);
            assertThat(message.topic()).isEqualTo(topic);
            assertThat(message.storedTopic()).isEqualTo(topic);
            assertThat(message.tags()).isEqualTo("T0");
            assertThat(message.keys()).containsExactly("k0", "x0");
            assertThat(message.property("n")).isEqualTo("0");
            assertThat(message.offsetMessageId()).isEqualTo(first.offsetMessageId());
            assertThat(message.brokerName()).isEqualTo("broker-a");
            assertThat(message.queue()).isEqualTo(new MessageQueue(topic, "broker-a", first.queueId()));
            assertThat(message.queueOffset()).isEqualTo(first.queueOffset());
            assertThat(message.reconsumeTimes()).isZero();
            assertThat(message.bornTimestamp()).isBeforeOrEqualTo(message.storeTimestamp());
            assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("m0");
            assertThat(consumer.assignment()).contains(new MessageQueue(topic, "broker-a", 0))
                    .anyMatch(queue -> queue.topic().equals("%RETRY%" + consumer.group()));
        }
        assertThat(deliveries.duplicates()).isEmpty();
        assertThat(threads).allMatch(name -> name.startsWith("mq-consumer-"));
    }

    @Test
    void deliversOnlyTheSubscribedTags() {
        String topic = Servers.unique("Tags");
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String tag = i % 4 == 3 ? null : List.of("TagA", "TagB", "TagC").get(i % 4);
            Message.Builder builder = Message.builder(topic).body("t" + i);
            if (tag != null) {
                builder.tags(tag);
            }
            SendResult result = producer.send(builder.build());
            if ("TagA".equals(tag) || "TagB".equals(tag)) {
                wanted.add(result.messageId());
            }
        }
        String last = producer.send(Message.builder(topic).tags("TagB").body("last").build()).messageId();
        wanted.add(last);
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, " TagA ||TagB ")
                .listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().contains(last) && deliveries.count() >= wanted.size());
            assertThat(deliveries.ids()).isEqualTo(wanted);
            assertThat(deliveries.all()).allMatch(m -> m.tags().equals("TagA") || m.tags().equals("TagB"));
        }
    }

    @Test
    void batchesOfConsumeBatchSizeComeFromOneQueueInOrder() {
        String topic = Servers.unique("Batch");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey("k" + (i % 2)).body("b" + i).build()));
        }
        List<List<ReceivedMessage>> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).consumeBatchSize(4).listener(messages -> {
                    batches.add(messages);
                    return deliveries.take(messages);
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
        }
        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch).hasSizeBetween(1, 4);
            assertThat(batch).extracting(ReceivedMessage::queueId).containsOnly(batch.get(0).queueId());
            assertThat(batch).extracting(ReceivedMessage::queueOffset).isSorted();
        });
        assertThat(batches).anyMatch(batch -> batch.size() == 4);
    }

    @Test
    void aNewGroupCanStartAtAPointInTime() {
        String topic = Servers.unique("FromTime");
        send(topic, 5, "old");
        java.time.Instant middle = java.time.Instant.now().plusMillis(2); // not in the millisecond of the last old one
        await().atMost(WAIT).until(() -> java.time.Instant.now().isAfter(middle.plusMillis(20)));
        List<SendResult> recent = send(topic, 5, "new");
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFromTimestamp(middle).listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(recent)));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                    .until(() -> deliveries.count() == recent.size());
            assertThat(deliveries.ids()).as("delivered: " + deliveries.all()).isEqualTo(Deliveries.ids(recent));
        }
    }

    @Test
    void aSlowListenerNeverMakesTheClientCacheMoreThanTheLimit() throws Exception {
        String topic = Servers.unique("Flow");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey("one-queue").body("f" + i).build()));
        }
        CountDownLatch release = new CountDownLatch(1);
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).threads(1).pullBatchSize(8).maxCachedMessagesPerQueue(10)
                .listener(messages -> {
                    release.await();
                    return deliveries.take(messages);
                }).build()) {
            MessageQueue queue = new MessageQueue(topic, "broker-a", sent.get(0).queueId());
            await().atMost(WAIT).until(() -> cached(consumer, queue) != null && cached(consumer, queue).isParked());
            ProcessQueue cache = cached(consumer, queue);
            assertThat(cache.pendingCount()).isPositive().isLessThanOrEqualTo(10);
            assertThat(cache.nextOffset()).as("pulled no further than the limit").isEqualTo(cache.pendingCount());
            release.countDown();
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
        }
    }

    @Test
    void aListenerSlowerThanTheBrokerIsFedInWholeBatchesNotAMessageAPull() throws Exception {
        String topic = Servers.unique("FlowBatches");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey("one-queue").body("b" + i).build()));
        }
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).threads(1).pullBatchSize(16).maxCachedMessagesPerQueue(32)
                .listener(messages -> {
                    Thread.sleep(1); // slower than a pull: the cache stays full
                    return deliveries.take(messages);
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
            ProcessQueue cache = cached(consumer, new MessageQueue(topic, "broker-a", sent.get(0).queueId()));
            // 300 messages in batches of 16 are 19 pulls, plus the long-polling ones at the end; pulling as
            // soon as one message left the full cache would make it about 270 pulls of one message
            assertThat(cache.pullsSent()).isBetween(19L, 40L);
        }
    }

    private static ProcessQueue cached(PushConsumer consumer, MessageQueue queue) {
        return consumer.engine().processQueues().stream().filter(q -> q.queue().equals(queue)).findFirst().orElse(null);
    }

    @Test
    void pauseStopsDeliveryAndResumeCatchesUp() {
        String topic = Servers.unique("Pause");
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
            List<SendResult> before = send(topic, 10, "before");
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(before)));
            consumer.pause();
            assertThat(consumer.isPaused()).isTrue();
            List<SendResult> during = send(topic, 10, "during");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> deliveries.count() == before.size());
            consumer.resume();
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(during)));
        }
    }

    @Test
    void aListenerRunningLongerThanTheConsumeTimeoutHasItsMessageRetried() {
        String topic = Servers.unique("Slow");
        String slow = producer.send(Message.builder(topic).body("slow").build()).messageId();
        Deliveries deliveries = new Deliveries();
        CountDownLatch release = new CountDownLatch(1);
        try (PushConsumer consumer = quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .consumeFromTimestamp(java.time.Instant.EPOCH).consumeTimeout(Duration.ofMillis(500))
                .listener(messages -> {
                    deliveries.record(messages);
                    if (messages.get(0).reconsumeTimes() == 0) {
                        release.await(20, TimeUnit.SECONDS);
                    }
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.of(slow).size() >= 2);
            assertThat(deliveries.of(slow)).extracting(ReceivedMessage::reconsumeTimes).startsWith(0, 1);
            assertThat(deliveries.of(slow).get(1).topic()).isEqualTo(topic);
            assertThat(deliveries.of(slow).get(1).storedTopic()).isEqualTo("%RETRY%" + consumer.group());
            release.countDown();
        }
    }

    @Test
    void anOffsetResetPushedByTheBrokerIsObeyed() {
        String topic = Servers.unique("Reset");
        List<SendResult> sent = send(topic, 20, "r");
        String group = Servers.unique("cg");
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = quick(client, group).subscribe(topic, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).listener(deliveries::take).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().containsAll(Deliveries.ids(sent)));
            client.core().invoker().invokeSyncOk(server.brokerAddress(), Invoker.request(
                    RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetHeader(topic, group, 0, true, -1, null),
                    null), Duration.ofSeconds(3), "reset");
            await().atMost(WAIT).until(() -> deliveries.count() >= 2 * sent.size());
            for (SendResult result : sent) {
                assertThat(deliveries.of(result.messageId())).hasSize(2);
            }
        }
    }

    @Test
    void aGracefulCloseFinishesRunningCallsCommitsAndTheNextConsumerContinuesWithoutDuplicates() throws Exception {
        String topic = Servers.unique("Handover");
        List<SendResult> sent = send(topic, 60, "h");
        String group = Servers.unique("cg");
        Deliveries first = new Deliveries();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        PushConsumer consumer = quick(client, group).subscribe(topic, "*").consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .threads(4).listener(messages -> {
                    if (calls.incrementAndGet() > 10) {
                        waiting.incrementAndGet();
                        gate.await(); // calls running when the close begins
                    }
                    return first.take(messages);
                }).build();
        await().atMost(WAIT).until(() -> waiting.get() == 4);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(consumer::close);
        await().atMost(WAIT).until(() -> consumer.engine().isClosing());
        gate.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(first.count()).as("the calls running at close finished, no other started").isEqualTo(14);

        Deliveries second = new Deliveries();
        try (MqClient other = Servers.client(server);
             PushConsumer next = quick(other, group).subscribe(topic, "*").listener(second::take).build()) {
            await().atMost(WAIT).until(() -> first.count() + second.count() >= sent.size());
            Set<String> both = new HashSet<>(first.ids());
            both.retainAll(second.ids());
            assertThat(both).as("delivered to both consumers").isEmpty();
            Set<String> all = new HashSet<>(first.ids());
            all.addAll(second.ids());
            assertThat(all).isEqualTo(Deliveries.ids(sent));
        }
    }

    @Test
    void aListenerMayCloseItsOwnConsumer() {
        String topic = Servers.unique("SelfClose");
        send(topic, 3, "s");
        AtomicBoolean closed = new AtomicBoolean();
        PushConsumer[] holder = new PushConsumer[1];
        holder[0] = quick(client, Servers.unique("cg")).subscribe(topic, "*").consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .shutdownTimeout(Duration.ofMinutes(5)).listener(messages -> {
                    while (holder[0] == null) {
                        Thread.onSpinWait();
                    }
                    holder[0].close(); // must not wait for this very call to finish
                    closed.set(true);
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).untilTrue(closed);
        assertThat(holder[0].engine().isClosing()).isTrue();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> client.pushConsumer("g1").listener(m -> ConsumeResult.SUCCESS).build())
                .isInstanceOf(MqClientException.class).hasMessageContaining("subscribe to at least one topic");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "*").build())
                .isInstanceOf(MqClientException.class).hasMessageContaining("listener");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "*").listener(m -> ConsumeResult.SUCCESS)
                .orderlyListener(m -> ConsumeResult.SUCCESS).build()).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "||").listener(m -> ConsumeResult.SUCCESS)
                .build()).isInstanceOf(MqClientException.class).hasMessageContaining("names no tag");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("bad topic", "*")
                .listener(m -> ConsumeResult.SUCCESS).build()).hasMessageContaining("topic name");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "*").listener(m -> ConsumeResult.SUCCESS)
                .threads(0).build()).hasMessageContaining("threads");
        assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "*").listener(m -> ConsumeResult.SUCCESS)
                .consumeTimeout(Duration.ZERO).build()).hasMessageContaining("consumeTimeout");
        assertThatThrownBy(() -> client.pushConsumer("bad group!").subscribe("T", "*")
                .listener(m -> ConsumeResult.SUCCESS).build()).hasMessageContaining("group name");
        AtomicBoolean built = new AtomicBoolean();
        try (PushConsumer consumer = client.pushConsumer("g1").subscribe("T", "*")
                .listener(m -> ConsumeResult.SUCCESS).build()) {
            built.set(true);
            assertThatThrownBy(() -> client.pushConsumer("g1").subscribe("T", "*").listener(m -> ConsumeResult.SUCCESS)
                    .build()).hasMessageContaining("already has a consumer of group g1");
        }
        assertThat(built).isTrue();
    }
}
