package dev.mq.client;

import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.Registration;
import dev.mq.client.internal.TopicRoute;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.GetMaxOffsetHeader;
import dev.mq.protocol.header.OffsetResponseHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What consumers and the admin API will build on, used as they will use it: routes and broker
 * addresses, typed calls to brokers, consumer groups in the heartbeat, and broker-to-client requests
 * delivered to the group's handler.
 */
@Timeout(60)
class ExtensionPointsTest {

    private static EmbeddedServer server;
    private static MqClient first;
    private static MqClient second;

    @BeforeAll
    static void start() {
        server = Servers.small().start();
        first = Servers.client(server);
        second = Servers.client(server);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        server.close();
    }

    private static String createTopic() {
        String topic = Servers.unique("Ext");
        try (Producer producer = first.producer(Servers.unique("pg")).build()) {
            producer.send(Message.builder(topic).body("creates the topic").build());
        }
        return topic;
    }

    /**
     * The topic's own route as {@code core} sees it. An auto-created topic reaches the name server
     * when the broker registers it, a moment after the send that created it answered.
     */
    private static TopicRoute awaitRoute(ClientCore core, String topic) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> core.routes().route(topic).join(), r -> !r.fromTemplate());
    }

    private static HeartbeatData.ConsumerData consumer(String group, String topic) {
        return new HeartbeatData.ConsumerData(group, "CONSUME_ACTIVELY", "CLUSTERING", "CONSUME_FROM_FIRST_OFFSET",
                List.of(new HeartbeatData.SubscriptionData(topic, "*", Set.of(), Set.of(), 1L, "TAG", false)), false);
    }

    /** The client ids of {@code group} the broker knows, via GET_CONSUMER_CONNECTION_LIST. */
    private static String connections(ClientCore core, String group) {
        RemotingCommand response = core.invoker().invokeSync(server.brokerAddress(), Invoker.request(
                RequestCode.GET_CONSUMER_CONNECTION_LIST, new ConsumerGroupHeader(group), null),
                Duration.ofSeconds(3), "connections of " + group);
        return response.code() == ResponseCode.SUCCESS ? new String(response.body(), StandardCharsets.UTF_8) : "";
    }

    @Test
    void routesNameTheBrokersAndTypedCallsReachThem() {
        String topic = createTopic();
        ClientCore core = first.core();

        TopicRoute route = awaitRoute(core, topic);
        assertThat(route.readQueues()).hasSize(4);
        assertThat(core.brokers().masterAddress("broker-a")).isEqualTo(server.brokerAddress());
        assertThat(core.brokers().addresses()).contains(server.brokerAddress());

        RemotingCommand response = core.invoker().invokeSyncOk(server.brokerAddress(),
                Invoker.request(RequestCode.GET_MAX_OFFSET, new GetMaxOffsetHeader(topic, 0, true), null),
                Duration.ofSeconds(3), "max offset of " + topic);
        assertThat(OffsetResponseHeader.read(response).offset()).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> core.routes().route(Servers.unique("NoSuchTopic")).join())
                .hasCauseInstanceOf(MqClientException.class).hasMessageContaining("no route for topic");
    }

    @Test
    void aConsumerInTheHeartbeatIsKnownToTheBrokerHearsGroupChangesAndLeaves() {
        String topic = createTopic();
        String group = Servers.unique("cg");
        awaitRoute(first.core(), topic);
        awaitRoute(second.core(), topic);
        List<String> notifications = new CopyOnWriteArrayList<>();
        Registration handler = first.core().brokerRequests().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, group,
                (connection, request) -> {
                    notifications.add(request.ext("consumerGroup") + " on " + Thread.currentThread().getName());
                    return CompletableFuture.completedFuture(null);
                });

        Registration firstConsumer = first.core().heartbeats().addConsumer(() -> consumer(group, topic));
        await().atMost(Duration.ofSeconds(10)).until(() -> connections(first.core(), group).contains(first.clientId()));
        Registration secondConsumer = second.core().heartbeats().addConsumer(() -> consumer(group, topic));

        await().atMost(Duration.ofSeconds(10)).until(() -> connections(first.core(), group).contains(second.clientId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !notifications.isEmpty());
        assertThat(notifications).allSatisfy(n -> assertThat(n).startsWith(group + " on mq-client-callback-"));
        assertThatThrownBy(() -> first.core().brokerRequests().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, group,
                (connection, request) -> null)).isInstanceOf(IllegalArgumentException.class);

        firstConsumer.close();
        first.core().heartbeats().unregister(null, group);
        await().atMost(Duration.ofSeconds(10)).until(() -> !connections(first.core(), group).contains(first.clientId()));
        assertThat(connections(first.core(), group)).contains(second.clientId());
        secondConsumer.close();
        second.core().heartbeats().unregister(null, group);
        handler.close();
    }
}
