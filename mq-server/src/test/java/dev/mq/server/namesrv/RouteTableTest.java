package dev.mq.server.namesrv;

import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.body.TopicRouteData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final RouteTable routes = new RouteTable();

    private static Map<String, TopicConfig> topics(String... names) {
        java.util.Map<String, TopicConfig> map = new java.util.TreeMap<>();
        for (String name : names) {
            map.put(name, TopicConfig.of(name, 4, Permissions.READ_WRITE));
        }
        return map;
    }

    @Test
    void aRegisteredTopicHasARouteToItsMaster() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T", "TBW102"), true, "ch1", 1000);
        TopicRouteData route = routes.route("T");
        assertThat(route.queueDatas()).singleElement().satisfies(q -> {
            assertThat(q.brokerName()).isEqualTo("broker-a");
            assertThat(q.writeQueueNums()).isEqualTo(4);
            assertThat(q.perm()).isEqualTo(6);
        });
        assertThat(route.brokerDatas()).singleElement().satisfies(b -> {
            assertThat(b.cluster()).isEqualTo("C");
            assertThat(b.brokerAddrs()).containsEntry(0L, "10.0.0.1:10911");
        });
        assertThat(routes.route("Unknown")).isNull();
        assertThat(routes.topics()).containsExactly("T", "TBW102");
    }

    @Test
    void topicsOfAClusterAreThoseWithQueuesOnItsBrokers() {
        routes.register("C1", "broker-a", 0, "10.0.0.1:10911", topics("Shared", "OnlyA"), true, "ch1", 1000);
        routes.register("C2", "broker-b", 0, "10.0.0.2:10911", topics("Shared", "OnlyB"), true, "ch2", 1000);
        assertThat(routes.topicsOfCluster("C1")).containsExactly("OnlyA", "Shared");
        assertThat(routes.topicsOfCluster("C2")).containsExactly("OnlyB", "Shared");
        assertThat(routes.topicsOfCluster("Nope")).isEmpty();
    }

    @Test
    void systemTopicsAreTheClusterAndBrokerNamesWithABrokerToAsk() {
        assertThat(routes.systemTopics().topicList()).isEmpty();
        assertThat(routes.systemTopics().brokerAddr()).isNull();
        routes.register("C1", "broker-a", 0, "10.0.0.1:10911", topics("T"), true, "ch1", 1000);
        assertThat(routes.systemTopics().topicList()).containsExactly("C1", "broker-a");
        assertThat(routes.systemTopics().brokerAddr()).isEqualTo("10.0.0.1:10911");
    }

    @Test
    void twoBrokersBothServeATopic() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T"), true, "ch1", 1000);
        routes.register("C", "broker-b", 0, "10.0.0.2:10911", topics("T"), true, "ch2", 1000);
        assertThat(routes.route("T").queueDatas()).hasSize(2);
        assertThat(routes.clusterInfo().clusterAddrTable().get("C")).containsExactlyInAnyOrder("broker-a", "broker-b");
    }

    @Test
    void aRegistrationOfChangedTopicsOnlyKeepsTheBrokersOtherTopics() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T", "U"), true, "ch1", 1000);
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("V"), false, "ch1", 2000);
        assertThat(routes.topics()).containsExactlyInAnyOrder("T", "U", "V");
    }

    @Test
    void aCompleteReRegistrationReplacesTheBrokersTopics() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T", "U"), true, "ch1", 1000);
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T"), true, "ch1", 2000);
        assertThat(routes.route("U")).isNull();
        assertThat(routes.route("T")).isNotNull();
    }

    @Test
    void silentBrokersExpireAndClosedChannelsUnregister() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T"), true, "ch1", 1000);
        routes.register("C", "broker-b", 0, "10.0.0.2:10911", topics("T"), true, "ch2", 100_000);
        assertThat(routes.expire(121_500, 120_000)).containsExactly("10.0.0.1:10911");
        assertThat(routes.route("T").brokerDatas()).extracting(b -> b.brokerName()).containsExactly("broker-b");
        assertThat(routes.unregisterConnection("ch2")).containsExactly("10.0.0.2:10911");
        assertThat(routes.route("T")).isNull();
        assertThat(routes.clusterInfo().brokerAddrTable()).isEmpty();
    }

    @Test
    void aTopicCanBeDeletedFromRoutes() {
        routes.register("C", "broker-a", 0, "10.0.0.1:10911", topics("T", "U"), true, "ch1", 1000);
        routes.deleteTopic("T", null);
        assertThat(routes.route("T")).isNull();
        assertThat(routes.route("U")).isNotNull();
    }
}
