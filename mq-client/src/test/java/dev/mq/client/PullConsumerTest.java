package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pull consumer against our server: subscribe (shared in the group) and assign, auto and manual
 * commits, seek, seek to beginning, end and a time, pause and resume, committed offsets, close.
 */
@Timeout(120)
class PullConsumerTest {

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

    private static List<SendResult> send(String topic, int count, String prefix) {
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(Message.builder(topic).shardingKey(prefix.isEmpty() ? null : "same").tags("t")
                    .body(prefix + i).build()));
        }
        return sent;
    }

    /** Polls until {@code count} messages came (or fails after the wait). */
    private static List<ReceivedMessage> pollAtLeast(PullConsumer consumer, int count) {
        List<ReceivedMessage> messages = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            messages.addAll(consumer.poll(Duration.ofMillis(200)));
            return messages.size() >= count;
        });
        return messages;
    }

    private static Set<String> ids(List<ReceivedMessage> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    private static String text(ReceivedMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aSubscribedConsumerPollsEverythingInQueueOrderAndCommitsOnClose() {
        String topic = Servers.unique("PullSub");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(producer.send(Message.builder(topic).tags(i % 2 == 0 ? "even" : "odd").body("s" + i).build()));
        }
        String group = Servers.unique("cg");
        List<ReceivedMessage> polled;
        try (PullConsumer consumer = client.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(1)).maxPollMessages(7).build()) {
            consumer.subscribe(topic, "even");
            polled = pollAtLeast(consumer, 25);
            assertThat(polled).hasSize(25).allMatch(m -> m.tags().equals("even"));
            Map<Integer, Long> last = new java.util.HashMap<>();
            for (ReceivedMessage message : polled) {
                Long previous = last.put(message.queueId(), message.queueOffset());
                assertThat(previous == null || previous < message.queueOffset()).as("queue order").isTrue();
            }
            assertThat(consumer.assignment()).hasSize(4);
            // filtered-out messages count as consumed: once all is fetched the positions are at the ends
            await().atMost(WAIT).until(() -> consumer.assignment().stream().mapToLong(consumer::position).sum() == 50);
        }
        try (PullConsumer same = client.pullConsumer(group).build()) {
            long committed = 0;
            for (MessageQueue queue : same.queues(topic)) {
                OptionalLong offset = same.committed(queue);
                assertThat(offset).as("committed at close: " + queue).isPresent();
                committed += offset.getAsLong();
            }
            assertThat(committed).isEqualTo(50);
        }
    }

    @Test
    void assignedQueuesSeekCommitAndTimestamps() throws Exception {
        String topic = Servers.unique("PullAssign");
        List<SendResult> early = send(topic, 10, "a");
        MessageQueue queue = new MessageQueue(topic, "broker-a", early.get(0).queueId());
        Instant middle = Instant.now().plusMillis(2); // not in the millisecond of the last early one
        await().atMost(WAIT).until(() -> Instant.now().isAfter(middle.plusMillis(20)));
        List<SendResult> late = send(topic, 10, "b");
        String group = Servers.unique("cg");
        try (PullConsumer consumer = client.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET).autoCommit(false)
                .build()) {
            assertThatThrownBy(() -> consumer.poll(Duration.ZERO)).isInstanceOf(MqClientException.class)
                    .hasMessageContaining("subscribe or assign");
            assertThat(consumer.queues(topic)).hasSize(4).contains(queue);
            consumer.assign(List.of(queue));
            assertThatThrownBy(() -> consumer.subscribe(topic, "*")).hasMessageContaining("cannot be mixed");
            List<ReceivedMessage> all = pollAtLeast(consumer, 20);
            assertThat(all).extracting(PullConsumerTest::text).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6",
                    "a7", "a8", "a9", "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
            assertThat(consumer.position(queue)).isEqualTo(20);
            assertThat(consumer.committed(queue)).as("no auto-commit").isEmpty();

            consumer.commit(Map.of(queue, 5L));
            assertThat(consumer.committed(queue)).hasValue(5);
            consumer.commit();
            assertThat(consumer.committed(queue)).hasValue(20);

            consumer.seek(queue, 3);
            assertThat(pollAtLeast(consumer, 17).get(0)).extracting(PullConsumerTest::text).isEqualTo("a3");

            long offset = consumer.offsetForTimestamp(queue, middle);
            assertThat(offset).isEqualTo(10);
            consumer.seekToTimestamp(queue, middle);
            assertThat(pollAtLeast(consumer, 10)).extracting(PullConsumerTest::text).startsWith("b0");

            consumer.seekToBeginning(List.of(queue));
            assertThat(pollAtLeast(consumer, 20).get(0)).extracting(PullConsumerTest::text).isEqualTo("a0");

            consumer.seekToEnd(List.of(queue));
            assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();
            SendResult newest = producer.send(Message.builder(topic).shardingKey("same").body("c0").build());
            assertThat(pollAtLeast(consumer, 1)).extracting(ReceivedMessage::messageId).containsExactly(newest.messageId());

            assertThatThrownBy(() -> consumer.seek(new MessageQueue(topic, "broker-a", 3 - queue.queueId()), 0))
                    .isInstanceOf(MqClientException.class).hasMessageContaining("not assigned");
            assertThatThrownBy(() -> consumer.seek(queue, -1)).hasMessageContaining("negative");
        }
    }

    @Test
    void pausedQueuesAreNotReturnedUntilResumed() {
        String topic = Servers.unique("PullPause");
        List<SendResult> sent = send(topic, 5, "p");
        MessageQueue queue = new MessageQueue(topic, "broker-a", sent.get(0).queueId());
        try (PullConsumer consumer = client.pullConsumer(Servers.unique("cg")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .build()) {
            consumer.assign(List.of(queue));
            consumer.pause(List.of(queue));
            assertThat(consumer.paused()).containsExactly(queue);
            assertThat(consumer.poll(Duration.ofMillis(500))).isEmpty();
            consumer.resume(List.of(queue));
            assertThat(ids(pollAtLeast(consumer, 5))).isEqualTo(Deliveries.ids(sent));
        }
    }

    @Test
    void autoCommitCommitsWhatPollReturnedAndANewConsumerContinuesThere() {
        String topic = Servers.unique("PullAuto");
        List<SendResult> first = send(topic, 10, "x");
        MessageQueue queue = new MessageQueue(topic, "broker-a", first.get(0).queueId());
        String group = Servers.unique("cg");
        try (PullConsumer consumer = client.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .autoCommitInterval(Duration.ofMillis(100)).build()) {
            consumer.assign(List.of(queue));
            pollAtLeast(consumer, 10);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(50));
                return consumer.committed(queue).orElse(-1) == 10;
            });
        }
        List<SendResult> second = send(topic, 5, "y");
        try (PullConsumer consumer = client.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET).build()) {
            consumer.assign(List.of(queue));
            assertThat(ids(pollAtLeast(consumer, 5))).isEqualTo(Deliveries.ids(second));
        }
    }

    @Test
    void twoSubscribedConsumersShareTheQueues() {
        String topic = Servers.unique("PullShared");
        List<SendResult> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(producer.send(Message.builder(topic).body("z" + i).build()));
        }
        String group = Servers.unique("cg");
        try (MqClient other = Servers.client(server);
             PullConsumer a = client.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                     .rebalanceInterval(Duration.ofSeconds(1)).build();
             PullConsumer b = other.pullConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                     .rebalanceInterval(Duration.ofSeconds(1)).build()) {
            a.subscribe(topic, "*");
            b.subscribe(topic, "*");
            await().atMost(WAIT).until(() -> a.assignment().size() == 2 && b.assignment().size() == 2);
            assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());
            List<ReceivedMessage> all = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                all.addAll(a.poll(Duration.ofMillis(100)));
                all.addAll(b.poll(Duration.ofMillis(100)));
                return ids(all).containsAll(Deliveries.ids(sent));
            });
        }
    }
}
