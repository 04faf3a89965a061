package dev.mq.client.internal.admin;

import dev.mq.client.admin.BrokerRuntimeStats;
import dev.mq.client.admin.ConsumerRunningInfo;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.QueueStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The readers of admin bodies, on answers recorded from Apache RocketMQ 5.5.0 and on the variations
 * the readers must bear. Our server's recorded answers are compared with Apache's in
 * {@link ServerBodiesTest}, and read live by {@code AdminServerTest}.
 */
class BodiesTest {

    private static final String TOPIC = "ProbeTopic";

    @Test
    void clusterInfoWithBareBrokerIdKeys() {
        ClusterSnapshot cluster = ClusterSnapshot.read(RecordedBodies.APACHE.load("cluster-info"));

        assertThat(cluster.brokers()).containsOnlyKeys("broker-a");
        assertThat(cluster.broker("broker-a").cluster()).isEqualTo("DefaultCluster");
        assertThat(cluster.masters()).singleElement().satisfies(t -> assertThat(t.address()).startsWith("127.0.0.1:"));
        assertThat(cluster.brokerAt(cluster.broker("broker-a").master())).isEqualTo("broker-a");
        assertThat(cluster.clusterAndBrokerNames()).containsExactly("DefaultCluster", "broker-a");
    }

    @Test
    void apacheRuntimeInfoFillsTypedFieldsAndLeavesBlankRatesEmpty() {
        BrokerRuntimeStats runtime = Bodies.runtime(RecordedBodies.APACHE.load("broker-runtime-info"));

        assertThat(runtime.version()).contains("V5_5_0");
        assertThat(runtime.putTps()).as("Apache sends \"  \" right after start").isEmpty();
        assertThat(runtime.getTps()).isEmpty();
        assertThat(runtime.putToday()).hasValue(13);
        assertThat(runtime.getToday()).hasValue(13);
        assertThat(runtime.putYesterday()).hasValue(0);
        assertThat(runtime.diskRatio()).hasValue(0.23);
        assertThat(runtime.commitLogMaxOffset()).hasValue(3406);
        assertThat(runtime.bootTime()).contains(Instant.ofEpochMilli(1796566215410L));
        assertThat(runtime.raw()).containsEntry("runtime", "[ 0 days, 0 hours, 0 minutes, 12 seconds ]");
    }

    @Test
    void ratesTakeTheFirstOfApachesThreeFiguresUnderEitherSpellingOfTheKey() {
        BrokerRuntimeStats runtime = Bodies.runtime(("{\"table\":{\"putTps\":\"12.5 10.1 9.0\","
                + "\"getTransferedTps\":\"3.0 2.0 1.0\"}}").getBytes());

        assertThat(runtime.putTps()).hasValue(12.5);
        assertThat(runtime.getTps()).hasValue(3.0);
        assertThat(runtime.putToday()).isEmpty();
        assertThat(runtime.version()).isEmpty();
    }

    @Test
    void topicStatsAndConsumeStatsAreKeyedByMessageQueueObjects() {
        List<QueueStatus> stats = Bodies.topicStats(RecordedBodies.APACHE.load("topic-stats"));
        List<Bodies.OffsetRow> rows = Bodies.consumeStats(RecordedBodies.APACHE.load("consume-stats"));

        assertThat(stats).extracting(QueueStatus::queue).containsExactly(new QueueRef(TOPIC, "broker-a", 0),
                new QueueRef(TOPIC, "broker-a", 1), new QueueRef(TOPIC, "broker-a", 2), new QueueRef(TOPIC, "broker-a", 3));
        assertThat(stats.get(0).maxOffset()).isEqualTo(4);
        assertThat(stats.get(0).lastStoreTime()).contains(Instant.ofEpochMilli(1796566228023L));
        assertThat(rows).extracting(Bodies.OffsetRow::brokerOffset).containsExactly(4L, 3L, 3L, 3L);
        assertThat(rows).extracting(Bodies.OffsetRow::consumerOffset).containsExactly(3L, 3L, 2L, 2L);
        assertThat(Bodies.topicStats("{\"offsetTable\":{}}".getBytes())).isEmpty();
        assertThatThrownBy(() -> Bodies.topicStats("{\"offsetTable\":{{\"topic\":\"T\"}:{}}}".getBytes()))
                .hasMessageContaining("not a message queue key");
    }

    @Test
    void connectionsSubscriptionsTimeSpansAndResetOffsets() {
        Bodies.Connections connections = Bodies.connections(RecordedBodies.APACHE.load("consumer-connections"));
        Map<QueueRef, Long> delays = Bodies.delays(RecordedBodies.APACHE.load("consume-time-span"));
        Map<QueueRef, Long> reset = Bodies.resetOffsets(RecordedBodies.APACHE.load("reset-offset"));

        assertThat(connections.clients()).singleElement().satisfies(c -> {
            assertThat(c.language()).isEqualTo("JAVA");
            assertThat(c.versionName()).isEqualTo("V5_5_0");
        });
        assertThat(connections.consumeType()).isEqualTo("CONSUME_PASSIVELY");
        assertThat(connections.subscriptions()).containsOnlyKeys(TOPIC, "%RETRY%probe-cg");
        assertThat(connections.subscriptions().get(TOPIC).accepts("AnyTag")).isTrue();
        assertThat(delays).containsEntry(new QueueRef(TOPIC, "broker-a", 0), 159L)
                .containsEntry(new QueueRef(TOPIC, "broker-a", 1), 0L);
        assertThat(reset).hasSize(4).containsEntry(new QueueRef(TOPIC, "broker-a", 0), 4L);
    }

    @Test
    void brokerConsumeStatsGiveTheRowsOfEveryGroupInOneAnswer() {
        Map<String, List<Bodies.OffsetRow>> groups = Bodies.brokerConsumeStats(RecordedBodies.APACHE.load("broker-consume-stats"));

        assertThat(groups).containsKeys("probe-cg", "TOOLS_CONSUMER");
        assertThat(groups.get("TOOLS_CONSUMER")).isEmpty();
        assertThat(groups.get("probe-cg")).extracting(Bodies.OffsetRow::queue)
                .containsExactly(new QueueRef(TOPIC, "broker-a", 0), new QueueRef(TOPIC, "broker-a", 1),
                        new QueueRef(TOPIC, "broker-a", 2), new QueueRef(TOPIC, "broker-a", 3));
        assertThat(groups.get("probe-cg")).extracting(Bodies.OffsetRow::consumerOffset).containsExactly(3L, 3L, 2L, 2L);
    }

    @Test
    void runningInfoGivesTheQueuesAClientHoldsWithObjectKeys() {
        ConsumerRunningInfo info = Bodies.runningInfo(RecordedBodies.APACHE.load("consumer-running-info"), "probe-cg", "c1");

        assertThat(info.queues()).hasSize(4).containsKey(new QueueRef(TOPIC, "broker-a", 2));
        ConsumerRunningInfo.ProcessQueue queue = info.queues().get(new QueueRef(TOPIC, "broker-a", 0));
        assertThat(queue.commitOffset()).isEqualTo(4);
        assertThat(queue.lastConsumeTime()).contains(Instant.ofEpochMilli(1796566228029L));
        assertThat(queue.dropped()).isFalse();
        assertThat(info.properties()).containsEntry("PROP_CLIENT_VERSION", "V5_5_0");
        assertThat(info.subscriptions()).hasSize(2);
        assertThat(info.rates()).containsKey(TOPIC);
    }

    @Test
    void topicConfigsStatsDataAndNameLists() {
        Map<String, Bodies.TopicConfigRow> configs = Bodies.topicConfigs(RecordedBodies.APACHE.load("all-topic-config"));

        assertThat(configs.get("SCHEDULE_TOPIC_XXXX").readQueues()).isEqualTo(18);
        assertThat(configs.get("%RETRY%probe-cg").perm()).isEqualTo(6);
        assertThat(Bodies.brokerStats(RecordedBodies.APACHE.load("broker-stats-data"), "b", "TOPIC_PUT_NUMS", TOPIC).minute().sum())
                .isEqualTo(10);
        assertThat(Bodies.names(RecordedBodies.APACHE.load("topic-consume-by-who"), "groupList")).containsExactly("probe-cg");
        assertThat(Bodies.properties("a=1\n# comment\n\nb = two=2\n".getBytes())).containsEntry("a", "1")
                .containsEntry("b", "two=2").hasSize(2);
        // read as Apache's tools read it (Properties.load): our server escapes backslashes and line ends
        assertThat(Bodies.properties("storePathRootDir=C:\\\\mq\\\\store\nnote=two\\nlines\n".getBytes()))
                .containsEntry("storePathRootDir", "C:\\mq\\store").containsEntry("note", "two\nlines");
    }

    @Test
    void subscriptionFiltersByTagExpressions() {
        Bodies.Connections connections = Bodies.connections(("{\"connectionSet\":[],\"subscriptionTable\":{\"T\":"
                + "{\"topic\":\"T\",\"subString\":\"TagA || TagB\",\"expressionType\":\"TAG\"},"
                + "\"S\":{\"topic\":\"S\",\"subString\":\"a > 1\",\"expressionType\":\"SQL92\"}}}").getBytes());

        assertThat(connections.subscriptions().get("T").tags()).containsExactlyInAnyOrder("TagA", "TagB");
        assertThat(connections.subscriptions().get("T").accepts("TagB")).isTrue();
        assertThat(connections.subscriptions().get("T").accepts("TagC")).isFalse();
        assertThat(connections.subscriptions().get("T").accepts(null)).isFalse();
        assertThat(connections.subscriptions().get("S").accepts("anything")).isTrue();
    }
}
