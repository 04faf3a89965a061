package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.PullConsumer;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.SendResult;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.ClientSettings;
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
 * When CONSUMER_SEND_MSG_BACK fails (here: the broker finds no message at the commit-log offset the
 * client names), the message is sent to {@code %RETRY%<group>} instead, keeping its id, and arrives
 * there as a retry of its topic; a dead letter sent that way lands in {@code %DLQ%<group>}.
 */
@Timeout(60)
class SendBackTest {

    private static EmbeddedServer server;
    private static MqClient client;
    private static ClientCore core;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder().property("mq.broker.delay-levels", "100ms").start();
        client = MqClient.builder().namesrv(server.namesrvAddress()).build();
        core = new ClientCore(new ClientSettings(List.of(server.namesrvAddress()), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1, Duration.ofSeconds(3), "send-back-test"));
    }

    @AfterAll
    static void stop() {
        core.close();
        client.close();
        server.close();
    }

    private static List<ReceivedMessage> read(String topic, int count) {
        try (PullConsumer reader = client.pullConsumer("reader" + System.nanoTime())
                .consumeFrom(ConsumeFrom.FIRST_OFFSET).autoCommit(false).build()) {
            List<ReceivedMessage> messages = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                if (reader.assignment().isEmpty()) {
                    reader.assign(reader.queues(topic));
                }
                messages.addAll(reader.poll(Duration.ofMillis(100)));
                return messages.size() >= count;
            });
            return messages;
        }
    }

    /** The stored message as a consumer got it, but with a commit-log offset the broker does not have. */
    private static ReceivedMessage unknownToTheBroker(ReceivedMessage m) {
        return new ReceivedMessage(m.messageId(), m.offsetMessageId(), m.topic(), m.tags(), m.keys(), m.properties(),
                m.systemProperties(), m.body(), m.queueId(), m.queueOffset(), Long.MAX_VALUE / 2, m.bornTimestamp(),
                m.storeTimestamp(), m.reconsumeTimes(), m.storedTopic(), m.brokerName());
    }

    @Test
    void aFailedSendBackFallsBackToASendThatKeepsTheMessageId() {
        String topic = "SendBack" + System.nanoTime();
        String group = "g" + System.nanoTime();
        SendResult sent;
        try (Producer producer = client.producer("p" + System.nanoTime()).build()) {
            sent = producer.send(Message.builder(topic).tags("A").keys("k").property("p", "v").body("hello").build());
        }
        ReceivedMessage original = read(topic, 1).get(0);
        core.routes().route(topic).join();
        SendBack sendBack = new SendBack(new ConsumerRequests(core, group));

        assertThat(sendBack.retry(unknownToTheBroker(original), 5)).isTrue();

        ReceivedMessage retry = read("%RETRY%" + group, 1).get(0);
        assertThat(retry.messageId()).isEqualTo(sent.messageId());
        assertThat(retry.topic()).isEqualTo(topic);
        assertThat(retry.reconsumeTimes()).isEqualTo(1);
        assertThat(retry.tags()).isEqualTo("A");
        assertThat(retry.keys()).containsExactly("k");
        assertThat(retry.property("p")).isEqualTo("v");
        assertThat(retry.systemProperties()).containsEntry("ORIGIN_MESSAGE_ID", sent.messageId())
                .containsEntry("MAX_RECONSUME_TIMES", "5");
        assertThat(new String(retry.body(), StandardCharsets.UTF_8)).isEqualTo("hello");

        assertThat(sendBack.deadLetter(unknownToTheBroker(original), 5)).isTrue();
        ReceivedMessage dead = read("%DLQ%" + group, 1).get(0);
        assertThat(dead.messageId()).isEqualTo(sent.messageId());
        assertThat(dead.storedTopic()).isEqualTo("%DLQ%" + group);
    }
}
