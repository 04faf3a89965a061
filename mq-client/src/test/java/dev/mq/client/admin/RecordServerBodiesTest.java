package dev.mq.client.admin;

import dev.mq.client.MqClient;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.Registration;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.CommandHeader;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.GetConsumeStatsHeader;
import dev.mq.protocol.header.GetConsumeStatsInBrokerHeader;
import dev.mq.protocol.header.GetTopicsByClusterHeader;
import dev.mq.protocol.header.GroupHeader;
import dev.mq.protocol.header.QueryConsumeTimeSpanHeader;
import dev.mq.protocol.header.ResetOffsetHeader;
import dev.mq.protocol.header.TopicHeader;
import dev.mq.protocol.header.ViewBrokerStatsDataHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records our server's answers to the admin reads under {@code src/test/resources/admin/mq-server},
 * next to those recorded from Apache RocketMQ 5.5.0, from the same scene: {@code ProbeTopic} with 4
 * queues on {@code broker-a} holding 4, 3, 3 and 3 messages, {@code probe-cg} online (subscribed to
 * it and its retry topic) with committed offsets 3, 3, 2, 2, and at last its offsets reset to the
 * end. {@code BodiesTest} reads both. Every build plays the scene and records into
 * {@code target/recorded-admin-bodies} (so the scene's checks run against the server as it is);
 * {@code -Dadmin.record=true} records into the test resources instead, to renew them:
 * {@code ./mvnw -pl mq-client -am verify -Dtest=RecordServerBodiesTest -Dadmin.record=true}.
 */
class RecordServerBodiesTest {

    private static final String TOPIC = "ProbeTopic";
    private static final String GROUP = "probe-cg";
    private static final Path DIR = Boolean.getBoolean("admin.record")
            ? Path.of("src", "test", "resources", "admin", "mq-server")
            : Path.of("target", "recorded-admin-bodies", "mq-server");

    @Test
    void record() throws IOException {
        Files.createDirectories(DIR);
        try (EmbeddedServer server = AdminFixtures.small().start();
             MqClient client = AdminFixtures.client(server.namesrvAddress())) {
            MqAdmin admin = client.admin();
            admin.createOrUpdateTopic(TopicSpec.builder(TOPIC).queues(4).build()).orThrow();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> admin.topicRoute(TOPIC).queues().size() == 1);
            AdminFixtures.send(client, TOPIC, 12, "p", "TagA"); // round robin: 3 per queue
            // the 13th to queue 0: the only writable queue for a moment
            admin.createOrUpdateTopic(TopicSpec.builder(TOPIC).readQueues(4).writeQueues(1).build()).orThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.topicRoute(TOPIC).queues().get(0).writeQueues() == 1);
            try (MqClient fresh = AdminFixtures.client(server.namesrvAddress())) {
                AdminFixtures.send(fresh, TOPIC, 1, "q", "TagA");
            }
            admin.createOrUpdateTopic(TopicSpec.builder(TOPIC).queues(4).build()).orThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.topicStatus(TOPIC).totalMessages() == 13);
            assertThat(admin.topicStatus(TOPIC).queues()).extracting(QueueStatus::maxOffset).containsExactly(4L, 3L, 3L, 3L);
            long[] committed = {3, 3, 2, 2};
            String broker = server.brokerAddress();
            for (int queue = 0; queue < 4; queue++) {
                AdminFixtures.pull(client, broker, "broker-a", GROUP, TOPIC, queue, 0);
                AdminFixtures.commit(client, broker, "broker-a", GROUP, TOPIC, queue, committed[queue]);
            }
            try (MqClient consumer = AdminFixtures.client(server.namesrvAddress());
                 Registration online = AdminFixtures.online(consumer, GROUP, "CONSUME_PASSIVELY", "CLUSTERING", TOPIC,
                         "%RETRY%" + GROUP)) {
                AdminFixtures.core(consumer).routes().route(TOPIC).join();
                await().atMost(Duration.ofSeconds(10)).until(() -> admin.group(GROUP).online());

                Recorder record = new Recorder(client, broker);
                record.namesrv(server.namesrvAddress(), "cluster-info", RequestCode.GET_BROKER_CLUSTER_INFO, null);
                record.namesrv(server.namesrvAddress(), "topics-by-cluster", RequestCode.GET_TOPICS_BY_CLUSTER,
                        new GetTopicsByClusterHeader("DefaultCluster"));
                record.broker("broker-runtime-info", RequestCode.GET_BROKER_RUNTIME_INFO, null);
                record.broker("broker-config.properties", RequestCode.GET_BROKER_CONFIG, null);
                record.broker("broker-stats-data", RequestCode.VIEW_BROKER_STATS_DATA,
                        new ViewBrokerStatsDataHeader("TOPIC_PUT_NUMS", TOPIC));
                record.broker("all-topic-config", RequestCode.GET_ALL_TOPIC_CONFIG, null);
                record.broker("system-topics", RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, null);
                record.broker("all-subscription-group-config", RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null);
                record.broker("topic-stats", RequestCode.GET_TOPIC_STATS_INFO, new TopicHeader(TOPIC));
                record.broker("consume-stats", RequestCode.GET_CONSUME_STATS, new GetConsumeStatsHeader(GROUP, null));
                record.broker("broker-consume-stats", RequestCode.GET_BROKER_CONSUME_STATS,
                        new GetConsumeStatsInBrokerHeader(false));
                record.broker("consume-time-span", RequestCode.QUERY_CONSUME_TIME_SPAN,
                        new QueryConsumeTimeSpanHeader(TOPIC, GROUP));
                record.broker("consumer-connections", RequestCode.GET_CONSUMER_CONNECTION_LIST,
                        new ConsumerGroupHeader(GROUP));
                record.broker("topic-consume-by-who", RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, new TopicHeader(TOPIC));
                record.broker("topics-by-consumer", RequestCode.QUERY_TOPICS_BY_CONSUMER, new GroupHeader(GROUP));
                record.broker("reset-offset", RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                        new ResetOffsetHeader(TOPIC, GROUP, -1, true, -1, null));
            }
        }
    }

    /** Sends one request and writes its answer's body. */
    private record Recorder(MqClient client, String broker) {

        void broker(String name, int code, CommandHeader header) throws IOException {
            write(broker, name, code, header);
        }

        void namesrv(String address, String name, int code, CommandHeader header) throws IOException {
            write(address, name, code, header);
        }

        private void write(String address, String name, int code, CommandHeader header) throws IOException {
            RemotingCommand response = AdminFixtures.core(client).invoker().invokeSync(address,
                    Invoker.request(code, header, null), AdminFixtures.TIMEOUT, "record " + name);
            assertThat(response.code()).as(name).isEqualTo(ResponseCode.SUCCESS);
            Files.write(DIR.resolve(name.contains(".") ? name : name + ".json"), response.body());
        }
    }
}
