package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries of a concurrent push consumer against our server (delay levels shortened to milliseconds):
 * a failing message comes back through the group's retry topic with growing reconsume counts and
 * its own id, topic, tags, keys and properties, and after {@code maxReconsumeTimes} retries it is in
 * {@code %DLQ%<group>}, where a pull consumer reads it back. Broadcasting consumers do not retry.
 */
@Timeout(120)
class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedServer server;
    private static MqClient client;
    private static Producer producer;

    @BeforeAll
    static void start() {
        server = Servers.small().property("mq.broker.delay-levels", "100ms,100ms,100ms,200ms").start();
        client = Servers.client(server);
        producer = client.producer(Servers.unique("pg")).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void aFailingMessageIsRetriedWithGrowingReconsumeTimesThenDeadLettered() {
        String topic = Servers.unique("Retry");
        SendResult poison = producer.send(Message.builder(topic).tags("bad").keys("p1").property("why", "poison")
                .body("poison").build());
        SendResult fine = producer.send(Message.builder(topic).tags("good").body("fine").build());
        String group = Servers.unique("cg");
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, group).subscribe(topic, "bad || good")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).maxReconsumeTimes(3)
                .listener(messages -> {
                    deliveries.record(messages);
                    if (messages.get(0).tags().equals("bad")) {
                        throw new IllegalStateException("cannot handle " + messages.get(0).messageId());
                    }
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.of(poison.messageId()).size() == 4);
            assertThat(deliveries.of(fine.messageId())).hasSize(1);
            List<ReceivedMessage> tries = deliveries.of(poison.messageId());
            assertThat(tries).extracting(ReceivedMessage::reconsumeTimes).containsExactly(0, 1, 2, 3);
            assertThat(tries).allSatisfy(m -> {
                assertThat(m.topic()).isEqualTo(topic);
                assertThat(m.tags()).isEqualTo("bad");
                assertThat(m.keys()).containsExactly("p1");
                assertThat(m.property("why")).isEqualTo("poison");
                assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("poison");
            });
            assertThat(tries.get(1).storedTopic()).isEqualTo("%RETRY%" + group);

            List<ReceivedMessage> dead = readAll("%DLQ%" + group, 1);
            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(poison.messageId());
                assertThat(m.storedTopic()).isEqualTo("%DLQ%" + group);
                assertThat(m.systemProperties()).containsEntry("DLQ_ORIGIN_TOPIC", topic);
                assertThat(m.property("why")).isEqualTo("poison");
            });
            assertThat(deliveries.of(poison.messageId())).as("no delivery after the dead-letter queue").hasSize(4);
        }
    }

    @Test
    void broadcastingConsumersDoNotRetry() {
        String topic = Servers.unique("NoRetry");
        SendResult sent = producer.send(Message.builder(topic).body("once").build());
        SendResult after = producer.send(Message.builder(topic).body("after").build());
        Deliveries deliveries = new Deliveries();
        try (PushConsumer consumer = PushConsumerTest.quick(client, Servers.unique("cg")).subscribe(topic, "*")
                .messageModel(MessageModel.BROADCASTING).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .offsetStoreDirectory(java.nio.file.Path.of("target", "offsets-" + Servers.unique("b")))
                .listener(messages -> {
                    deliveries.record(messages);
                    return ConsumeResult.RETRY_LATER;
                }).build()) {
            await().atMost(WAIT).until(() -> deliveries.ids().contains(after.messageId())
                    && deliveries.ids().contains(sent.messageId()));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> deliveries.of(sent.messageId()).size() == 1);
        }
    }

    /** Every message of {@code topic} from the start, read with a pull consumer assigned to its queues. */
    static List<ReceivedMessage> readAll(String topic, int expected) {
        try (PullConsumer reader = client.pullConsumer(Servers.unique("reader")).consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .autoCommit(false).build()) {
            List<ReceivedMessage> messages = new ArrayList<>();
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                if (reader.assignment().isEmpty()) {
                    reader.assign(reader.queues(topic));
                }
                messages.addAll(reader.poll(Duration.ofMillis(200)));
                return messages.size() >= expected;
            });
            return messages;
        }
    }
}
