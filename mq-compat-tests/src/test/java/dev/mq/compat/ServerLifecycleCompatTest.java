package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Server options and restarts, as the official client sees them. Each test runs its own server. */
@Timeout(180)
class ServerLifecycleCompatTest {

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    private static List<String> send(DefaultMQProducer producer, String topic, String prefix, int count) throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + "-" + i;
            assertThat(producer.send(message(topic, "T", body)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.add(body);
        }
        return sent;
    }

    @Test
    void committedOffsetsSurviveABrokerRestart() throws Exception {
        ServerProcess first = resources.start(new ServerProcess(dataDir.resolve("server")));
        String topic = unique("Durable");
        String group = unique("cg");
        Clients before = resources.clients(first);
        DefaultMQProducer producer = before.producer();
        List<String> old = send(producer, topic, "old", 12);
        List<MessageQueue> queues = Clients.awaitRoute(producer, topic, 4);
        Received received = new Received();
        DefaultMQPushConsumer consumer = before.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(old));
        consumer.shutdown(); // commits the offsets of its queues
        try (BrokerAdmin admin = new BrokerAdmin(first.brokerAddr())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                long committed = 0;
                for (MessageQueue queue : queues) {
                    committed += Math.max(0, admin.committedOffset(group, topic, queue.getQueueId()));
                }
                return committed == old.size();
            });
        }
        before.close();
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        ServerProcess second = resources.start(first.successor());
        Clients after = resources.clients(second);
        DefaultMQProducer newProducer = after.producer();
        List<String> fresh = send(newProducer, topic, "new", 12);
        Received again = new Received();
        after.pushConsumer(group, topic, again);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.containsAll(fresh));
        // each queue is read in offset order: a message from before the restart would have come first
        assertThat(again.bodies()).containsExactlyInAnyOrderElementsOf(fresh);
    }

    @Test
    void aSigtermAsSoonAsTheBrokerAcceptsConnectionsStillClosesTheStoreCleanly() throws Exception {
        // start() returns once the broker listens: the web side and the application context are
        // still starting (messaging starts first), so the SIGTERM lands before the context owns the server
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server")));
        assertThat(server.stop()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(server.dataDir().resolve("checkpoint")).as("checkpoint written on close").exists();
        assertThat(server.dataDir().resolve("abort")).as("abort marker removed on close").doesNotExist();

        ServerProcess second = resources.start(server.successor());
        assertThat(second.log()).doesNotContain("after an unclean shutdown");
    }

    @Test
    void aMessageAboveTheSizeLimitIsRejectedWithMessageIllegal() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), "--mq.store.max-message-size=64KB"));
        DefaultMQProducer producer = resources.clients(server).producer();
        String topic = unique("Limited");
        byte[] body = new byte[100 * 1024];
        new Random(13).nextBytes(body); // incompressible: the client's compression cannot shrink it
        assertThatThrownBy(() -> producer.send(new Message(topic, "T", body)))
                .isInstanceOfSatisfying(MQBrokerException.class, e -> {
                    assertThat(e.getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
                    assertThat(e.getMessage()).contains("max-message-size").contains("65536");
                });
        assertThat(producer.send(message(topic, "T", "small")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }

    @Test
    void withoutAutoCreationAnUnknownTopicFailsUntilItIsCreated() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), "--mq.broker.auto-create-topic=false"));
        DefaultMQProducer producer = resources.clients(server).producer();
        String topic = unique("Managed");
        assertThatThrownBy(() -> producer.send(message(topic, "T", "too early")))
                .isInstanceOf(MQClientException.class)
                .hasMessageContaining("No route info of this topic")
                .hasMessageContaining(topic);

        try (BrokerAdmin admin = new BrokerAdmin(server.brokerAddr())) {
            RemotingCommand created = admin.createTopic(topic, 4);
            assertThat(created.code()).as(created.remark()).isEqualTo(ResponseCode.SUCCESS);
        }
        Clients.awaitRoute(producer, topic, 4);
        assertThat(producer.send(message(topic, "T", "in time")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }
}
