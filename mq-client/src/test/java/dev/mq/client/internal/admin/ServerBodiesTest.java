package dev.mq.client.internal.admin;

import dev.mq.client.admin.BrokerRuntimeStats;
import dev.mq.client.admin.BrokerStatsSnapshot;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.QueueStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server's answers to the admin reads are read exactly as Apache RocketMQ 5.5.0's: the same
 * scene recorded from both ({@link RecordedBodies}) gives the same figures through the same readers.
 * Where the two servers differ, the test says so (versions, rates right after start, what is
 * sampled when).
 */
class ServerBodiesTest {

    private static final String TOPIC = "ProbeTopic";
    private static final String GROUP = "probe-cg";
    private static final List<QueueRef> QUEUES = List.of(new QueueRef(TOPIC, "broker-a", 0),
            new QueueRef(TOPIC, "broker-a", 1), new QueueRef(TOPIC, "broker-a", 2), new QueueRef(TOPIC, "broker-a", 3));

    @ParameterizedTest
    @EnumSource(RecordedBodies.class)
    void clusterInfoWithBrokerIdKeysAsNumbersOrStrings(RecordedBodies server) {
        ClusterSnapshot cluster = ClusterSnapshot.read(server.load("cluster-info"));

        assertThat(cluster.brokers()).containsOnlyKeys("broker-a");
        assertThat(cluster.broker("broker-a").cluster()).isEqualTo("DefaultCluster");
        assertThat(cluster.broker("broker-a").members()).containsOnlyKeys(0L);
        assertThat(cluster.masters()).singleElement().satisfies(t -> assertThat(t.address()).startsWith("127.0.0.1:"));
    }

    @ParameterizedTest
    @EnumSource(RecordedBodies.class)
    void topicStatsConsumeStatsAndBrokerConsumeStatsKeyedByQueueObjects(RecordedBodies server) {
        List<QueueStatus> stats = Bodies.topicStats(server.load("topic-stats"));
        List<Bodies.OffsetRow> rows = Bodies.consumeStats(server.load("consume-stats")).stream()
                .filter(row -> row.queue().topic().equals(TOPIC)).toList();
        List<Bodies.OffsetRow> bulk = Bodies.brokerConsumeStats(server.load("broker-consume-stats")).get(GROUP);

        assertThat(stats).extracting(QueueStatus::queue).containsExactlyElementsOf(QUEUES);
        assertThat(stats).extracting(QueueStatus::maxOffset).containsExactly(4L, 3L, 3L, 3L);
        assertThat(stats).allSatisfy(q -> {
            assertThat(q.minOffset()).isZero();
            assertThat(q.lastStoreTime()).isPresent();
        });
        for (List<Bodies.OffsetRow> offsets : List.of(rows, bulk)) {
            assertThat(offsets).extracting(Bodies.OffsetRow::queue).containsExactlyElementsOf(QUEUES);
            assertThat(offsets).extracting(Bodies.OffsetRow::brokerOffset).containsExactly(4L, 3L, 3L, 3L);
            assertThat(offsets).extracting(Bodies.OffsetRow::consumerOffset).containsExactly(3L, 3L, 2L, 2L);
            assertThat(offsets).allSatisfy(row -> assertThat(row.lastTimestamp()).isPositive());
        }
    }

    @Test
    void consumeStatsOfOurServerAlsoListTheTopicsAnOnlineGroupSubscribesTo() {
        // Apache lists only topics with offsets; ours adds the online subscriptions (here the retry topic)
        assertThat(Bodies.consumeStats(RecordedBodies.APACHE.load("consume-stats")))
                .extracting(row -> row.queue().topic()).containsOnly(TOPIC);
        assertThat(Bodies.consumeStats(RecordedBodies.OURS.load("consume-stats")))
                .extracting(row -> row.queue().topic()).containsOnly(TOPIC, "%RETRY%" + GROUP);
    }

    @ParameterizedTest
    @EnumSource(RecordedBodies.class)
    void timeSpansConnectionsAndResetOffsets(RecordedBodies server) {
        Map<QueueRef, Long> delays = Bodies.delays(server.load("consume-time-span"));
        Bodies.Connections connections = Bodies.connections(server.load("consumer-connections"));
        Map<QueueRef, Long> reset = Bodies.resetOffsets(server.load("reset-offset"));

        assertThat(delays).containsOnlyKeys(QUEUES);
        assertThat(delays.get(QUEUES.get(1))).as("caught up").isZero();
        assertThat(List.of(delays.get(QUEUES.get(0)), delays.get(QUEUES.get(2)), delays.get(QUEUES.get(3))))
                .allSatisfy(delay -> assertThat(delay).isPositive());
        assertThat(connections.clients()).singleElement().satisfies(c -> {
            assertThat(c.language()).isEqualTo("JAVA");
            assertThat(c.versionName()).isEqualTo(server == RecordedBodies.APACHE ? "V5_5_0" : "V5_3_3");
            assertThat(c.address()).startsWith("127.0.0.1:");
        });
        assertThat(connections.consumeType()).isEqualTo("CONSUME_PASSIVELY");
        assertThat(connections.messageModel()).isEqualTo("CLUSTERING");
        assertThat(connections.consumeFromWhere()).isEqualTo("CONSUME_FROM_LAST_OFFSET");
        assertThat(connections.subscriptions()).containsOnlyKeys(TOPIC, "%RETRY%" + GROUP);
        assertThat(connections.subscriptions().get(TOPIC).accepts("AnyTag")).isTrue();
        assertThat(reset).containsExactlyInAnyOrderEntriesOf(Map.of(QUEUES.get(0), 4L, QUEUES.get(1), 3L,
                QUEUES.get(2), 3L, QUEUES.get(3), 3L));
    }

    @ParameterizedTest
    @EnumSource(RecordedBodies.class)
    void runtimeInfoUnderApachesKeys(RecordedBodies server) {
        BrokerRuntimeStats runtime = Bodies.runtime(server.load("broker-runtime-info"));

        assertThat(runtime.version()).contains(server == RecordedBodies.APACHE ? "V5_5_0" : "V5_3_3");
        assertThat(runtime.putToday()).hasValue(13);
        assertThat(runtime.getToday()).hasValue(13);
        assertThat(runtime.putYesterday()).hasValue(0);
        assertThat(runtime.getYesterday()).hasValue(0);
        assertThat(runtime.diskRatio().orElseThrow()).isBetween(0.0, 1.0);
        assertThat(runtime.commitLogMinOffset()).hasValue(0);
        assertThat(runtime.commitLogMaxOffset().orElseThrow()).isPositive();
        assertThat(runtime.dispatchBehindBytes()).hasValue(0);
        assertThat(runtime.bootTime()).isPresent();
        assertThat(runtime.raw()).containsKeys("runtime", "brokerVersionDesc", "msgPutTotalTodayMorning",
                "sendThreadPoolQueueSize", "pullThreadPoolQueueSize", "earliestMessageTimeStamp", "commitLogDirCapacity",
                "getFoundTps", "getMissTps", "getTotalTps", "remainHowManyDataToFlush", "pageCacheLockTimeMills");
        if (server == RecordedBodies.APACHE) {
            assertThat(runtime.putTps()).as("Apache sends blanks until its first sample").isEmpty();
            assertThat(runtime.raw()).doesNotContainKey("brokerVersion");
        } else {
            assertThat(runtime.putTps()).hasValue(1.3); // 13 messages within the last 10 s
            assertThat(runtime.getTps()).hasValue(1.3);
            // also the version's number, the 4.x spelling of the transfer rate, and every delay level's progress
            assertThat(runtime.raw()).containsEntry("brokerVersion", "479").containsKeys("getTransferedTps",
                    "scheduleMessageOffset_1", "scheduleMessageOffset_18");
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedBodies.class)
    void statisticsTopicConfigsAndNameLists(RecordedBodies server) {
        BrokerStatsSnapshot puts = Bodies.brokerStats(server.load("broker-stats-data"), "broker-a", "TOPIC_PUT_NUMS", TOPIC);
        Map<String, Bodies.TopicConfigRow> configs = Bodies.topicConfigs(server.load("all-topic-config"));

        assertThat(puts.minute().avgpt()).isEqualTo(1.0);
        // Apache's minute ends at its last 10 s sample (10 of the 13 sends); ours at the live total
        assertThat(puts.minute().sum()).isEqualTo(server == RecordedBodies.APACHE ? 10 : 13);
        assertThat(puts.minute().tps()).isPositive();
        assertThat(configs.get(TOPIC).readQueues()).isEqualTo(4);
        assertThat(configs.get("SCHEDULE_TOPIC_XXXX").readQueues()).isEqualTo(18);
        assertThat(configs.get("%RETRY%" + GROUP).perm()).isEqualTo(6);
        assertThat(Bodies.names(server.load("topic-consume-by-who"), "groupList")).containsExactly(GROUP);
    }

    @Test
    void ourAnswersToTheReadsApacheWasNotRecordedFor() {
        RecordedBodies ours = RecordedBodies.OURS;

        assertThat(Bodies.names(ours.load("topics-by-consumer"), "topicList")).containsExactly(TOPIC);
        assertThat(Bodies.names(ours.load("topics-by-cluster"), "topicList")).contains(TOPIC, "%RETRY%" + GROUP, "TBW102");
        assertThat(Bodies.names(ours.load("system-topics"), "topicList")).contains("TBW102", "SCHEDULE_TOPIC_XXXX",
                "rmq_sys_wheel_timer", "RMQ_SYS_TRANS_HALF_TOPIC").doesNotContain(TOPIC);
        assertThat(Bodies.subscriptionGroups(ours.load("all-subscription-group-config"))).containsExactly(GROUP);
        Map<String, String> config = Bodies.properties(ours.loadFile("broker-config.properties"));
        assertThat(config).containsEntry("brokerName", "broker-a").containsEntry("brokerClusterName", "DefaultCluster")
                .containsEntry("flushDiskType", "ASYNC_FLUSH").containsEntry("brokerId", "0")
                .containsEntry("messageDelayLevel", "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h")
                .containsEntry("mq.broker.name", "broker-a").containsEntry("mq.store.file-reserved-time", "3d")
                .containsEntry("fileReservedTime", "72");
        assertThat(config.get("listenPort")).isEqualTo(config.get("mq.broker.port")).matches("[0-9]+");
    }
}
