package dev.mq.client.internal;

import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.MessageQueue;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.TopicRouteData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which queues a route offers producers and consumers. */
class TopicRouteTest {

    private static BrokerData broker(String name, Map<Long, String> addresses) {
        return new BrokerData("DefaultCluster", name, addresses);
    }

    @Test
    void producersGetWritableQueuesOfBrokersWithAMasterSortedByBrokerName() {
        TopicRouteData data = new TopicRouteData(null, List.of(
                new QueueData("broker-b", 2, 2, Permissions.READ_WRITE, 0),
                new QueueData("broker-a", 2, 1, Permissions.READ_WRITE, 0),
                new QueueData("broker-c", 2, 2, Permissions.READ, 0),
                new QueueData("broker-d", 2, 2, Permissions.READ_WRITE, 0)),
                List.of(broker("broker-a", Map.of(0L, "a:1")), broker("broker-b", Map.of(0L, "b:1", 1L, "b:2")),
                        broker("broker-c", Map.of(0L, "c:1")), broker("broker-d", Map.of(1L, "d-replica:1"))),
                Map.of());

        TopicRoute route = TopicRoute.of("T", data);

        assertThat(route.writeQueues()).containsExactly(new MessageQueue("T", "broker-a", 0),
                new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1));
        assertThat(route.readQueues()).hasSize(8);
        assertThat(route.masterAddress("broker-b")).isEqualTo("b:1");
        assertThat(route.masterAddress("broker-d")).isNull();
        assertThat(route.fromTemplate()).isFalse();
    }

    @Test
    void aTemplateRouteOffersAtMostFourQueuesPerBroker() {
        TopicRouteData template = new TopicRouteData(null, List.of(new QueueData("broker-a", 8, 8, 7, 0),
                new QueueData("broker-b", 2, 2, 7, 0)),
                List.of(broker("broker-a", Map.of(0L, "a:1")), broker("broker-b", Map.of(0L, "b:1"))), Map.of());

        TopicRoute route = TopicRoute.fromTemplate("New", template, 4);

        assertThat(route.fromTemplate()).isTrue();
        assertThat(route.writeQueues()).hasSize(6).allSatisfy(queue -> assertThat(queue.topic()).isEqualTo("New"));
    }

    @Test
    void anOrderTopicConfigurationNamesTheQueuesExactly() {
        TopicRouteData data = new TopicRouteData("broker-b:2;broker-a:1", List.of(), List.of(), Map.of());

        assertThat(TopicRoute.of("T", data).writeQueues()).containsExactly(new MessageQueue("T", "broker-b", 0),
                new MessageQueue("T", "broker-b", 1), new MessageQueue("T", "broker-a", 0));
    }
}
