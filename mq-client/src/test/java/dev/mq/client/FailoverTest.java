package dev.mq.client;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.CreateTopicHeader;
import dev.mq.protocol.header.RegisterBrokerHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Failures, each with a clear error and no acknowledged message lost: a broker going down while
 * messages are sent (two brokers), a topic without route, a broker that never answers, and one that
 * closes the connection.
 */
@Timeout(120)
class FailoverTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RemotingClient admin = new RemotingClient(RemotingClientConfig.defaults());

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        admin.close();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private void createTopic(String brokerAddress, String topic, int queues) {
        RemotingCommand create = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC);
        new CreateTopicHeader(topic, null, queues, queues, Permissions.READ_WRITE, null, 0, false, null, null)
                .writeTo(create);
        assertThat(admin.invokeSync(brokerAddress, create, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    /** Registers {@code peer} with the name server as broker {@code name} holding {@code topic}. */
    private void registerFakeBroker(String namesrv, String name, String address, String topic) {
        RemotingCommand register = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerHeader(name, address, "DefaultCluster", address, 0L, false, null, null, null, null)
                .writeTo(register);
        register.setBody(RemotingJson.encode(new RegisterBrokerBody(new RegisterBrokerBody.TopicConfigWrapper(
                Map.of(topic, TopicConfig.of(topic, 4, Permissions.READ_WRITE)),
                new DataVersion(1, 0, System.currentTimeMillis())), List.of())));
        assertThat(admin.invokeSync(namesrv, register, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    private static Set<String> brokersRouted(MqClient client, String topic) {
        return client.core().routes().route(topic).join().brokers().keySet();
    }

    @Test
    void aBrokerGoingDownWhileSendingIsFailedOverAndNoAcknowledgedMessageIsLost() throws Exception {
        EmbeddedServer namesrv = closeLater(Servers.small().property("mq.server.roles", "namesrv").start());
        EmbeddedServer brokerA = Servers.joiningBroker(namesrv, "broker-a", dir.resolve("a"));
        AutoCloseable closeA = closeLater(brokerA::close);
        EmbeddedServer brokerB = closeLater(Servers.joiningBroker(namesrv, "broker-b", dir.resolve("b")));
        String topic = Servers.unique("Failover");
        createTopic(brokerA.brokerAddress(), topic, 4);
        createTopic(brokerB.brokerAddress(), topic, 4);
        // default route refresh (30 s): the client learns that broker-a is gone only by failing on it
        MqClient client = closeLater(MqClient.builder().namesrv(namesrv.namesrvAddress()).build());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> brokersRouted(client, topic).containsAll(Set.of("broker-a", "broker-b")));
        Producer producer = closeLater(client.producer(Servers.unique("pg")).build());

        List<SendResult> acknowledged = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    acknowledged.add(producer.send(Message.builder(topic).body("m-" + i).build()));
                } catch (MqException e) {
                    failures.add(e);
                }
            }
        }, "test-sender");
        sender.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.stream().map(SendResult::brokerName)
                .collect(Collectors.toSet()).size() == 2 && acknowledged.size() >= 50);

        closeA.close();
        int whenDown = acknowledged.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= whenDown + 100);
        stop.set(true);
        sender.join();

        assertThat(failures).isEmpty();
        assertThat(acknowledged.subList(whenDown + 10, acknowledged.size())).extracting(SendResult::brokerName)
                .containsOnly("broker-b");
        // broker-a comes back with its data: every acknowledged message is in one of the two brokers
        closeLater(Servers.joiningBroker(namesrv, "broker-a", dir.resolve("a")));
        Reader reader = closeLater(new Reader(namesrv.namesrvAddress()));
        Set<String> ackedIds = acknowledged.stream().map(SendResult::messageId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            Set<String> stored = new HashSet<>();
            reader.messages(topic).forEach(m -> stored.add(m.messageId()));
            assertThat(stored).containsAll(ackedIds);
        });
    }

    @Test
    void aTopicWithoutRouteFailsClearlyUntilItIsCreated() {
        EmbeddedServer server = closeLater(Servers.small().property("mq.broker.auto-create-topic", "false").start());
        MqClient client = closeLater(Servers.client(server));
        Producer producer = closeLater(client.producer(Servers.unique("pg")).build());
        String topic = Servers.unique("Missing");
        Message message = Message.builder(topic).body("x").build();

        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("no route for topic " + topic)
                .hasMessageContaining("auto-creation is off");
        assertThat(producer.sendAsync(message)).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(MqClientException.class)
                .withMessageContaining("no route for topic " + topic);

        createTopic(server.brokerAddress(), topic, 2);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> producer.send(message).status() == SendStatus.SEND_OK);
    }

    @Test
    void aBrokerThatNeverAnswersTimesOutNamingWhatAndHowLong() throws Exception {
        EmbeddedServer server = closeLater(Servers.small().start());
        FaultyPeer silent = closeLater(new FaultyPeer(FaultyPeer.Mode.SILENT));
        String topic = Servers.unique("Silent");
        registerFakeBroker(server.namesrvAddress(), "broker-silent", silent.address(), topic);
        MqClient client = closeLater(Servers.client(server));
        Producer producer = closeLater(client.producer(Servers.unique("pg")).sendTimeout(Duration.ofMillis(800)).build());
        Message message = Message.builder(topic).body("nobody answers").build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> producer.send(message)).isInstanceOfSatisfying(MqTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(800));
            assertThat(e.operation()).contains("send of message", topic);
            assertThat(e.getMessage()).contains("timed out after 800 ms", silent.address(), "broker-silent");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        CompletableFuture<SendResult> async = producer.sendAsync(message);
        assertThat(async).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(MqTimeoutException.class);
        assertThat(silent.requests()).isPositive();
    }

    @Test
    void aBrokerThatClosesTheConnectionIsFailedOverAndClearlyReportedWhenAlone() throws Exception {
        EmbeddedServer server = closeLater(Servers.small().start());
        FaultyPeer closing = closeLater(new FaultyPeer(FaultyPeer.Mode.CLOSE_ON_REQUEST));
        String shared = Servers.unique("Shared");
        String alone = Servers.unique("Alone");
        createTopic(server.brokerAddress(), shared, 4);
        registerFakeBroker(server.namesrvAddress(), "broker-closing", closing.address(), shared);
        MqClient client = closeLater(Servers.client(server));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> client.core().routes().route(shared).join().writeQueues().size() == 8);
        Producer producer = closeLater(client.producer(Servers.unique("pg")).build());

        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(producer.send(Message.builder(shared).body("shared-" + i).build()));
        }

        assertThat(closing.requests()).as("attempts that reached the closing peer").isPositive();
        assertThat(results).extracting(SendResult::brokerName).containsOnly("broker-a");
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        Set<String> ids = results.stream().map(SendResult::messageId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reader.pulled(shared).stream()
                .filter(p -> p.brokerName().equals("broker-a")).map(p -> p.message().messageId()))
                .containsAll(ids));

        // the same peer as the only broker of a topic: every attempt fails, the error says how
        registerFakeBroker(server.namesrvAddress(), "broker-closing", closing.address(), alone);
        assertThatThrownBy(() -> producer.send(Message.builder(alone).body("no luck").build()))
                .isInstanceOf(MqClientException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("closed before the answer");
    }
}
