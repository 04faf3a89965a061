package dev.mq.client.admin;

import dev.mq.client.MqClient;
import dev.mq.client.internal.Registration;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Which requests the admin sends to our server, and what it does with a server that lacks the newer
 * ones. Our broker and name server sit behind {@link ForwardingProxy}s (the broker advertises the
 * proxy's address, the client knows only the name server's proxy), which count the requests and can
 * answer chosen ones as an older server does (REQUEST_CODE_NOT_SUPPORTED) or refuse them otherwise.
 * The admin prefers the one-request reads our server answers, falls back to the older reads only on
 * REQUEST_CODE_NOT_SUPPORTED, with the same figures, and reports any other failure as an issue.
 */
@Timeout(60)
class AdminFallbackTest {

    private static ForwardingProxy brokerProxy;
    private static ForwardingProxy namesrvProxy;
    private static EmbeddedServer server;
    private static MqClient client;
    private static MqAdmin admin;
    private static MqClient consumers;
    private static Registration onlineRegistration;
    private static String topic;
    private static String consumedAll;
    private static String partly;
    private static String online;

    @BeforeAll
    static void start() {
        brokerProxy = ForwardingProxy.start();
        server = AdminFixtures.small().property("mq.broker.advertised-address", brokerProxy.address()).start();
        brokerProxy.forwardTo("127.0.0.1:" + server.broker().port());
        namesrvProxy = ForwardingProxy.start();
        namesrvProxy.forwardTo(server.namesrvAddress());
        client = AdminFixtures.client(namesrvProxy.address());
        admin = client.admin();

        topic = AdminFixtures.unique("Older");
        admin.createOrUpdateTopic(TopicSpec.builder(topic).queues(2).build()).orThrow();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !admin.topicRoute(topic).queues().isEmpty());
        AdminFixtures.send(client, topic, 8, "o", "TagA");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.topicStatus(topic).totalMessages() == 8);
        consumedAll = AdminFixtures.unique("old-all-cg");
        partly = AdminFixtures.unique("old-part-cg");
        online = AdminFixtures.unique("old-online-cg");
        for (QueueStatus queue : admin.topicStatus(topic).queues()) {
            int id = queue.queue().queueId();
            for (String group : List.of(consumedAll, partly)) {
                AdminFixtures.pull(client, brokerProxy.address(), "broker-a", group, topic, id, 0);
                AdminFixtures.commit(client, brokerProxy.address(), "broker-a", group, topic, id,
                        group.equals(partly) && id == 1 ? 1 : queue.maxOffset());
            }
        }
        consumers = AdminFixtures.client(namesrvProxy.address());
        onlineRegistration = AdminFixtures.online(consumers, online, "CONSUME_PASSIVELY", "CLUSTERING", topic);
        AdminFixtures.core(consumers).routes().route(topic).join();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                admin.consumerGroups().group(online).map(g -> g.onlineClients() == 1).orElse(false));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {onlineRegistration, consumers, client, server, brokerProxy,
                namesrvProxy}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @BeforeEach
    void forwardEverything() {
        brokerProxy.reset();
        namesrvProxy.reset();
    }

    /** What the tests compare between the two kinds of server, with the requests each read took. */
    private record Reads(ConsumerGroupListing groups, Map<Integer, Integer> listRequests, GroupDetail part,
                         Map<Integer, Integer> detailRequests, MqAdmin.NameSet topicsOfOnline,
                         Map<Integer, Integer> topicsOfRequests, MqAdmin.NameSet ofCluster,
                         Map<Integer, Integer> ofClusterRequests, TopicListing topics, Map<Integer, Integer> topicsRequests) {
    }

    /** Requests received by both proxies since the last count, by code. */
    private static Map<Integer, Integer> received(int... codes) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int code : codes) {
            counts.put(code, brokerProxy.received(code) + namesrvProxy.received(code));
        }
        brokerProxy.resetCounts();
        namesrvProxy.resetCounts();
        return counts;
    }

    private static Reads read(Runnable refusals) {
        brokerProxy.reset();
        namesrvProxy.reset();
        refusals.run();
        ConsumerGroupListing groups = admin.consumerGroups();
        Map<Integer, Integer> listRequests = received(RequestCode.GET_BROKER_CONSUME_STATS, RequestCode.GET_CONSUME_STATS);
        GroupDetail part = admin.group(partly);
        Map<Integer, Integer> detailRequests = received(RequestCode.QUERY_CONSUME_TIME_SPAN, RequestCode.PULL_MESSAGE);
        MqAdmin.NameSet topicsOfOnline = admin.topicsOf(online);
        Map<Integer, Integer> topicsOfRequests = received(RequestCode.QUERY_TOPICS_BY_CONSUMER,
                RequestCode.GET_CONSUME_STATS);
        MqAdmin.NameSet ofCluster = admin.topicsOfCluster("DefaultCluster");
        Map<Integer, Integer> ofClusterRequests = received(RequestCode.GET_TOPICS_BY_CLUSTER,
                RequestCode.GET_ALL_TOPIC_CONFIG);
        TopicListing topics = admin.topics();
        Map<Integer, Integer> topicsRequests = received(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER);
        return new Reads(groups, listRequests, part, detailRequests, topicsOfOnline, topicsOfRequests, ofCluster,
                ofClusterRequests, topics, topicsRequests);
    }

    @Test
    void ourServersOneRequestReadsAreUsedAndAnOlderServerGetsTheFallbacksWithTheSameFigures() {
        Reads ours = read(() -> {
        });
        Reads older = read(() -> {
            brokerProxy.refuse(RequestCode.GET_BROKER_CONSUME_STATS, RequestCode.QUERY_CONSUME_TIME_SPAN,
                    RequestCode.QUERY_TOPICS_BY_CONSUMER, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER);
            namesrvProxy.refuse(RequestCode.GET_TOPICS_BY_CLUSTER);
        });

        // our server: one GET_BROKER_CONSUME_STATS for every group; GET_CONSUME_STATS only for the topic the
        // online group subscribes to without offsets
        assertThat(ours.listRequests()).containsEntry(RequestCode.GET_BROKER_CONSUME_STATS, 1)
                .containsEntry(RequestCode.GET_CONSUME_STATS, 1);
        assertThat(ours.detailRequests()).containsEntry(RequestCode.QUERY_CONSUME_TIME_SPAN, 1)
                .containsEntry(RequestCode.PULL_MESSAGE, 0);
        assertThat(ours.topicsOfRequests()).containsEntry(RequestCode.QUERY_TOPICS_BY_CONSUMER, 1)
                .containsEntry(RequestCode.GET_CONSUME_STATS, 0);
        assertThat(ours.ofClusterRequests()).containsEntry(RequestCode.GET_TOPICS_BY_CLUSTER, 1)
                .containsEntry(RequestCode.GET_ALL_TOPIC_CONFIG, 0);
        assertThat(ours.topicsRequests()).containsEntry(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, 1);
        // an older server: the request is tried once, then the older reads
        assertThat(older.listRequests()).containsEntry(RequestCode.GET_BROKER_CONSUME_STATS, 1);
        assertThat(older.listRequests().get(RequestCode.GET_CONSUME_STATS)).as("one per group")
                .isGreaterThanOrEqualTo(3);
        assertThat(older.detailRequests()).containsEntry(RequestCode.QUERY_CONSUME_TIME_SPAN, 1)
                .containsEntry(RequestCode.PULL_MESSAGE, 1);
        assertThat(older.topicsOfRequests()).containsEntry(RequestCode.QUERY_TOPICS_BY_CONSUMER, 1)
                .containsEntry(RequestCode.GET_CONSUME_STATS, 1);
        assertThat(older.ofClusterRequests()).containsEntry(RequestCode.GET_TOPICS_BY_CLUSTER, 1)
                .containsEntry(RequestCode.GET_ALL_TOPIC_CONFIG, 1);

        for (Reads reads : List.of(ours, older)) {
            ConsumerGroupListing groups = reads.groups();
            assertThat(groups.issues()).isEmpty();
            assertThat(groups.group(consumedAll).orElseThrow().totalLag()).isEqualTo(Lag.ZERO);
            assertThat(groups.group(partly).orElseThrow().totalLag()).isEqualTo(Lag.of(lagOfPartly()));
            assertThat(groups.group(online).orElseThrow().totalLag()).as("subscribed, never committed, young queues")
                    .isEqualTo(Lag.of(8));
            assertThat(reads.part().issues()).isEmpty();
            assertThat(reads.part().totalLag()).isEqualTo(Lag.of(lagOfPartly()));
            assertThat(reads.topicsOfOnline().names()).as("subscribed, no offsets").containsExactly(topic);
            assertThat(reads.topicsOfOnline().issues()).isEmpty();
            assertThat(reads.ofCluster().names()).contains(topic).doesNotContain("NoSuchTopic");
            assertThat(reads.topics().issues()).isEmpty();
            assertThat(reads.topics().topic("TBW102").orElseThrow().kind()).isEqualTo(TopicKind.SYSTEM);
            assertThat(reads.topics().topic(topic).orElseThrow().kind()).isEqualTo(TopicKind.NORMAL);
        }
        assertThat(older.ofCluster().names()).isEqualTo(ours.ofCluster().names());
        assertThat(older.groups().groups()).isEqualTo(ours.groups().groups());
        // the backlog age: the broker's delayTime, or the store time of the message read (read later: older)
        Duration ageByBroker = ours.part().backlogAge().orElseThrow();
        Duration ageByRead = older.part().backlogAge().orElseThrow();
        assertThat(ageByBroker).isPositive();
        assertThat(ageByRead).isBetween(ageByBroker.minusMillis(50), ageByBroker.plusSeconds(5));
    }

    private static long lagOfPartly() {
        return admin.topicStatus(topic).queues().stream().filter(q -> q.queue().queueId() == 1)
                .mapToLong(q -> q.maxOffset() - 1).sum();
    }

    @Test
    void aFailureOtherThanNotSupportedIsAnIssueAndNoFallback() {
        brokerProxy.answer(RequestCode.GET_BROKER_CONSUME_STATS, ResponseCode.SYSTEM_ERROR);
        brokerProxy.answer(RequestCode.QUERY_CONSUME_TIME_SPAN, ResponseCode.SYSTEM_ERROR);
        brokerProxy.answer(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, ResponseCode.SYSTEM_ERROR);

        ConsumerGroupListing groups = admin.consumerGroups();
        int perGroupStats = brokerProxy.received(RequestCode.GET_CONSUME_STATS);
        GroupDetail part = admin.group(partly);
        TopicListing topics = admin.topics();

        assertThat(groups.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.REFUSED);
            assertThat(issue.operation()).isEqualTo("GET_BROKER_CONSUME_STATS");
            assertThat(issue.address()).isEqualTo(brokerProxy.address());
        });
        assertThat(groups.group(partly).orElseThrow().totalLag()).isEqualTo(Lag.UNKNOWN);
        assertThat(perGroupStats).as("no per-group fallback").isZero();

        assertThat(part.totalLag()).as("the offsets still tell the lag").isEqualTo(Lag.of(lagOfPartly()));
        assertThat(part.backlogAge()).isEmpty();
        assertThat(part.queues()).filteredOn(q -> q.lag().messages() > 0).singleElement()
                .satisfies(q -> assertThat(q.backlogAge()).isEmpty());
        assertThat(part.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.REFUSED);
            assertThat(issue.operation()).startsWith("QUERY_CONSUME_TIME_SPAN of group " + partly);
        });
        assertThat(brokerProxy.received(RequestCode.PULL_MESSAGE)).as("no read instead").isZero();

        assertThat(topics.issues()).extracting(BrokerIssue::operation).containsExactly("GET_SYSTEM_TOPIC_LIST_FROM_BROKER");
        assertThat(topics.topic("TBW102").orElseThrow().kind()).as("our own rules still apply").isEqualTo(TopicKind.SYSTEM);
        assertThat(topics.topic(topic).orElseThrow().totalMessages()).hasValue(8);
    }

    @Test
    void requestsWithoutAFallbackAreReportedAsNotSupportedNamingBrokerAndOperation() {
        brokerProxy.refuse(RequestCode.GET_BROKER_CONFIG, RequestCode.VIEW_BROKER_STATS_DATA,
                RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.GET_BROKER_RUNTIME_INFO);

        assertThatThrownBy(() -> admin.brokerConfig("broker-a"))
                .isInstanceOfSatisfying(NotSupportedByBrokerException.class, e -> {
                    assertThat(e.brokerName()).isEqualTo("broker-a");
                    assertThat(e.operation()).isEqualTo("GET_BROKER_CONFIG");
                    assertThat(e.brokerAddress()).isEqualTo(brokerProxy.address());
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
                })
                .hasMessageContaining("GET_BROKER_CONFIG is not supported by broker-a (" + brokerProxy.address() + ")");
        assertThatThrownBy(() -> admin.brokerStats("broker-a", BrokerStatsSnapshot.TOPIC_PUT_NUMS, topic))
                .isInstanceOf(NotSupportedByBrokerException.class).hasMessageContaining("VIEW_BROKER_STATS_DATA");
        assertThatThrownBy(() -> admin.consumerRunningInfo(online, consumers.clientId()))
                .isInstanceOf(NotSupportedByBrokerException.class).hasMessageContaining("GET_CONSUMER_RUNNING_INFO");

        GroupDetail detail = admin.group(online);
        assertThat(detail.totalLag()).isEqualTo(Lag.of(8));
        assertThat(detail.queues()).hasSize(2).allSatisfy(q -> assertThat(q.client()).isEmpty());
        assertThat(detail.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.NOT_SUPPORTED);
            assertThat(issue.detail()).contains("the owning client of 2 queues is unknown");
        });

        ClusterOverview overview = admin.clusterOverview();
        assertThat(overview.brokers()).singleElement().satisfies(b -> assertThat(b.runtime()).isEmpty());
        assertThat(overview.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.NOT_SUPPORTED);
            assertThat(issue.operation()).isEqualTo("GET_BROKER_RUNTIME_INFO");
        });
    }
}
