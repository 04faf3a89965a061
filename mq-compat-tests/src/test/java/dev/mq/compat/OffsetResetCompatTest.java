package dev.mq.compat;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offset reset with Apache's admin API ({@code DefaultMQAdminExt.resetOffsetByTimestamp}, which sends
 * INVOKE_BROKER_TO_RESET_OFFSET): to a time, and to the end ("skip backlog", timestamp -1), with and
 * without a consumer of the group online.
 */
@Timeout(180)
class OffsetResetCompatTest {

    @TempDir
    static Path dataDir;

    static ServerProcess server;
    private Clients clients;
    private DefaultMQAdminExt admin;
    private BrokerAdmin broker;

    @BeforeAll
    static void startServer() {
        server = new ServerProcess(dataDir.resolve("server")).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        clients = new Clients(server);
        broker = new BrokerAdmin(server.brokerAddr());
        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddr());
        admin.setInstanceName(unique("admin"));
        admin.start();
    }

    @AfterEach
    void shutdown() {
        admin.shutdown();
        broker.close();
        clients.close();
    }

    /** Sends the bodies one by one; returns the time before the first (store times are later). */
    private static long send(DefaultMQProducer producer, String topic, String... bodies) throws Exception {
        // store times have ms precision: keep those of earlier and of these sends apart from 'before'
        // (an earlier send acknowledged within the same millisecond would otherwise count as "since")
        Thread.sleep(5);
        long before = System.currentTimeMillis();
        Thread.sleep(5);
        for (String body : bodies) {
            producer.send(message(topic, "T", body));
        }
        return before;
    }

    /** A consumer of the group consumes everything sent so far, commits (shutdown) and leaves. */
    private void consumeAllAndLeave(String group, String topic, List<String> expected) throws Exception {
        Clients.Received received = new Clients.Received();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(expected));
        consumer.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.committedOffset(group, topic, 0) == expected.size());
    }

    @Test
    void withNoConsumerOnlineTheStoredOffsetsMoveToTheTimeAndToTheEnd() throws Exception {
        DefaultMQProducer producer = clients.producer();
        String topic = unique("Reset");
        String group = unique("cg");
        clients.createTopic(producer, topic, 1);
        long beforeA = send(producer, topic, "a1", "a2", "a3");
        consumeAllAndLeave(group, topic, List.of("a1", "a2", "a3"));
        long beforeB = send(producer, topic, "b1", "b2");

        Map<MessageQueue, Long> back = admin.resetOffsetByTimestamp(topic, group, beforeA, true);
        assertThat(back.values()).containsExactly(0L);
        assertThat(back.keySet()).allSatisfy(queue -> assertThat(queue.getTopic()).isEqualTo(topic));
        assertThat(broker.committedOffset(group, topic, 0)).isZero();

        assertThat(admin.resetOffsetByTimestamp(topic, group, beforeB, true).values()).containsExactly(3L);
        assertThat(broker.committedOffset(group, topic, 0)).isEqualTo(3);

        // what mqadmin resetOffsetByTime calls (both client lines)
        admin.resetOffsetNew(group, topic, beforeA);
        assertThat(broker.committedOffset(group, topic, 0)).isZero();

        // skip backlog: b1 and b2 are never consumed, only what is sent afterwards
        assertThat(admin.resetOffsetByTimestamp(topic, group, -1, true).values()).containsExactly(5L);
        assertThat(broker.committedOffset(group, topic, 0)).isEqualTo(5);
        Clients.Received received = new Clients.Received();
        clients.pushConsumer(group, topic, received);
        send(producer, topic, "c1");
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("c1")));
        // a late b1 or b2 would show up within a second
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> received.bodies().equals(java.util.Set.of("c1")));
    }

    @Test
    void anOnlineConsumerIsToldAndReceivesTheMessagesSinceTheTimeAgain() throws Exception {
        DefaultMQProducer producer = clients.producer();
        String topic = unique("ResetOnline");
        String group = unique("cg");
        clients.createTopic(producer, topic, 1);
        send(producer, topic, "old1", "old2");
        long since = send(producer, topic, "new1", "new2");
        Clients.Received received = new Clients.Received();
        clients.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("old1", "old2", "new1", "new2")));
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.committedOffset(group, topic, 0) == 4);

        Map<MessageQueue, Long> reset = admin.resetOffsetByTimestamp(topic, group, since, true);
        assertThat(reset.values()).containsExactly(2L);

        // the client drops its queue, waits 10 s, adopts the offset and pulls again after its next rebalance
        await().atMost(Duration.ofSeconds(90)).until(() -> received.duplicates().containsAll(List.of("new1", "new2")));
        assertThat(received.duplicates()).doesNotContain("old1", "old2");
    }
}
