package dev.mq.compat;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apache's own admin API ({@code DefaultMQAdminExt} from rocketmq-tools) reads our broker's
 * statistics: topic stats, consume stats (backlog), consumer connections, who consumes a topic
 * and runtime info. Types are left to {@code var}: they moved packages between 4.9 and 5.x.
 */
@Timeout(180)
class AdminCompatTest {

    @TempDir
    static Path dataDir;

    static ServerProcess server;
    private Clients clients;
    private DefaultMQAdminExt admin;

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

    @AfterEach
    void shutdown() {
        if (admin != null) {
            admin.shutdown();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void theOfficialAdminApiReadsTopicAndConsumerStatistics() throws Exception {
        clients = new Clients(server);
        String topic = Clients.unique("Stats");
        String group = Clients.unique("statsGroup");
        DefaultMQProducer producer = clients.producer();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            producer.send(Clients.message(topic, "T", "s" + i));
            sent.add("s" + i);
        }
        Clients.Received received = new Clients.Received();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group, topic, received);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(sent));

        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(server.namesrvAddr());
        admin.setInstanceName(Clients.unique("admin"));
        admin.start();

        var topicStats = admin.examineTopicStats(topic);
        long stored = topicStats.getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset()).sum();
        assertThat(stored).isEqualTo(6);
        assertThat(topicStats.getOffsetTable().keySet()).allSatisfy(queue -> assertThat(queue.getTopic()).isEqualTo(topic));

        var connections = admin.examineConsumerConnectionInfo(group);
        assertThat(connections.getConnectionSet()).hasSize(1);
        assertThat(connections.getSubscriptionTable()).containsKey(topic);

        assertThat(admin.queryTopicConsumeByWho(topic).getGroupList()).contains(group);
        assertThat(admin.fetchBrokerRuntimeStats(server.brokerAddr()).getTable()).containsKey("commitLogMaxOffset");

        consumer.shutdown(); // commits its offsets
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var consumeStats = admin.examineConsumeStats(group);
            long brokerOffsets = consumeStats.getOffsetTable().entrySet().stream()
                    .filter(e -> e.getKey().getTopic().equals(topic)).mapToLong(e -> e.getValue().getBrokerOffset()).sum();
            assertThat(brokerOffsets).isEqualTo(6);
            assertThat(consumeStats.computeTotalDiff()).as("backlog after consuming everything").isZero();
        });

        producer.send(Clients.message(topic, "T", "unconsumed"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.examineConsumeStats(group).computeTotalDiff()).isEqualTo(1));
    }
}
