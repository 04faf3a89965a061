package dev.mq.client.admin;

import dev.mq.client.MqClient;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.RegisterBrokerHeader;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brokers that do not answer: two registered at the name server that accept connections and never
 * reply, one at a closed port. Reads that gather from several brokers still answer with what the
 * working broker said plus an issue per broker that did not, and the silent brokers are asked at
 * once: two timeouts of 1 s cost about 1 s, not 2.
 */
@Timeout(60)
class AdminDegradationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static EmbeddedServer server;
    private static MqClient client;
    private static MqAdmin admin;
    private static RemotingClient registrar;
    private static final List<ServerSocket> peers = new CopyOnWriteArrayList<>();
    private static String topic;
    private static String silentOne;
    private static String silentTwo;
    private static String closedPort;

    @BeforeAll
    static void start() throws IOException {
        server = AdminFixtures.small().start();
        client = AdminFixtures.client(server.namesrvAddress());
        admin = client.admin().withTimeout(TIMEOUT);
        topic = AdminFixtures.unique("Shared");
        admin.createOrUpdateTopic(TopicSpec.builder(topic).queues(2).build()).orThrow();
        AdminFixtures.send(client, topic, 3, "s", "TagA");
        silentOne = silentPeer();
        silentTwo = silentPeer();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = "127.0.0.1:" + closed.getLocalPort();
        }
        registrar = new RemotingClient(RemotingClientConfig.defaults()); // stays open: closing unregisters
        register("broker-silent-1", silentOne);
        register("broker-silent-2", silentTwo);
        register("broker-gone", closedPort);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.clusterOverview().brokers().size() == 4
                && admin.topicRoute(topic).queues().size() == 4);
    }

    /** A peer that accepts connections and never answers. */
    private static String silentPeer() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        peers.add(socket);
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread reader = new Thread(() -> {
                        try (connection; InputStream in = connection.getInputStream()) {
                            in.transferTo(OutputStreamSink.INSTANCE);
                        } catch (IOException e) {
                            // closed
                        }
                    }, "silent-peer-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Discards what a silent peer reads. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** Registers a broker that holds {@link #topic} (2 queues) at {@code address}. */
    private static void register(String name, String address) {
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerHeader(name, address, "DefaultCluster", null, 0, false, null, null, null, null)
                .writeTo(request);
        request.setBody(RemotingJson.encode(new RegisterBrokerBody(new RegisterBrokerBody.TopicConfigWrapper(
                Map.of(topic, TopicConfig.of(topic, 2, 6)), new DataVersion(1, 0, System.currentTimeMillis())),
                List.of())));
        RemotingCommand response = registrar.invokeSync(server.namesrvAddress(), request, 3000);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (registrar != null) {
            registrar.close();
        }
        for (ServerSocket peer : peers) {
            peer.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOverviewHasTheWorkingBrokerAndAnIssuePerSilentOneAskedAllAtOnce() {
        long start = System.nanoTime();
        ClusterOverview overview = admin.clusterOverview();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("two silent brokers with a 1 s timeout, asked at once").isLessThan(Duration.ofMillis(1800));
        assertThat(overview.brokers()).hasSize(4);
        assertThat(overview.master("broker-a").orElseThrow().runtime()).isPresent();
        assertThat(overview.master("broker-silent-1").orElseThrow().runtime()).isEmpty();
        assertThat(overview.issues()).hasSize(3).allSatisfy(issue -> {
            assertThat(issue.kind()).isEqualTo(BrokerIssue.Kind.UNREACHABLE);
            assertThat(issue.operation()).startsWith("GET_BROKER_RUNTIME_INFO");
        });
        assertThat(overview.issues()).extracting(BrokerIssue::broker, BrokerIssue::address).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("broker-silent-1", silentOne),
                org.assertj.core.groups.Tuple.tuple("broker-silent-2", silentTwo),
                org.assertj.core.groups.Tuple.tuple("broker-gone", closedPort));
        assertThat(overview.issues()).filteredOn(i -> i.broker().equals("broker-silent-1")).singleElement()
                .asString().contains("timed out");
    }

    @Test
    void topicStatusHasTheQueuesOfTheWorkingBrokerAndSaysWhichBrokersAreMissing() {
        TopicStatus status = admin.topicStatus(topic);

        assertThat(status.queues()).extracting(q -> q.queue().brokerName()).containsOnly("broker-a").hasSize(2);
        assertThat(status.totalMessages()).isEqualTo(3);
        assertThat(status.issues()).extracting(BrokerIssue::broker)
                .containsExactlyInAnyOrder("broker-silent-1", "broker-silent-2", "broker-gone");
    }

    @Test
    void listsKeepWhatTheWorkingBrokerSaidAndNeverInventCountsOrLags() {
        String group = AdminFixtures.unique("degraded-cg");
        AdminFixtures.pull(client, server.brokerAddress(), "broker-a", group, topic, 0, 0);
        AdminFixtures.commit(client, server.brokerAddress(), "broker-a", group, topic, 0, 0);

        TopicListing topics = admin.topics();
        ConsumerGroupListing groups = admin.consumerGroups();

        assertThat(topics.topic(topic).orElseThrow().totalMessages())
                .as("a broker that did not answer may hold it too").isEmpty();
        assertThat(topics.topic(topic).orElseThrow().brokers()).containsExactly("broker-a");
        assertThat(topics.issues()).extracting(BrokerIssue::broker)
                .contains("broker-silent-1", "broker-silent-2", "broker-gone");
        Lag lag = groups.group(group).orElseThrow().totalLag();
        assertThat(lag.isLowerBound()).isTrue();
        assertThat(lag.messages()).isPositive();
        assertThat(groups.issues()).extracting(BrokerIssue::operation)
                .allSatisfy(operation -> assertThat(operation).startsWith("GET_ALL_SUBSCRIPTIONGROUP_CONFIG"));
    }
}
