package dev.mq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.ClusterInfo;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.GetRouteInfoHeader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/** The in-process server that client, starter and console tests start. */
class EmbeddedServerTest {

    private final RemotingClient client = new RemotingClient(RemotingClientConfig.defaults());

    @TempDir
    Path dir;

    @AfterEach
    void closeClient() {
        client.close();
    }

    private ClusterInfo clusterInfo(String namesrv) throws Exception {
        RemotingCommand response = client.invokeSync(namesrv, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), 3000);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return RemotingJson.decode(response.body(), ClusterInfo.class);
    }

    @Test
    void startsANameServerAndABrokerThatRegistersOnLoopback() throws Exception {
        Path data;
        try (EmbeddedServer server = EmbeddedServer.builder().start()) {
            data = server.dataDir();
            assertThat(server.namesrvAddress()).startsWith("127.0.0.1:");
            assertThat(server.brokerAddress()).startsWith("127.0.0.1:");
            ClusterInfo info = clusterInfo(server.namesrvAddress());
            assertThat(info.brokerAddrTable().get("broker-a").brokerAddrs()).containsValue(server.brokerAddress());
            assertThat(Files.isDirectory(data.resolve("commitlog"))).isTrue();
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void aBadPropertyFailsTheStartNamingIt() {
        assertThatThrownBy(() -> EmbeddedServer.builder().property("mq.broker.register-interval", "soon").start())
                .hasStackTraceContaining("mq.broker.register-interval");
    }

    @Test
    void restartKeepsDataPortsAndRoutes() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().dataDir(dir).start()) {
            RemotingCommand create = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                    .putExt("topic", "Kept").putExt("readQueueNums", 2).putExt("writeQueueNums", 2).putExt("perm", 6);
            assertThat(client.invokeSync(server.brokerAddress(), create, 3000).code()).isEqualTo(ResponseCode.SUCCESS);
            String namesrv = server.namesrvAddress();
            String broker = server.brokerAddress();

            server.restart();

            assertThat(server.namesrvAddress()).isEqualTo(namesrv);
            assertThat(server.brokerAddress()).isEqualTo(broker);
            RemotingCommand route = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
            new GetRouteInfoHeader("Kept", null).writeTo(route);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client.invokeSync(namesrv, route, 3000).code()).isEqualTo(ResponseCode.SUCCESS));
        }
        assertThat(dir.resolve("config")).isDirectory();
    }

    @Test
    void aCreatedTopicIsRoutedWhenCreateReturns() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().property("mq.broker.auto-create-topic", "false").start()) {
            server.createTopic("Orders", 3);

            RemotingCommand route = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
            new GetRouteInfoHeader("Orders", null).writeTo(route);
            RemotingCommand response = client.invokeSync(server.namesrvAddress(), route, 3000);
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(RemotingJson.decode(response.body(), dev.mq.protocol.body.TopicRouteData.class).queueDatas())
                    .singleElement().satisfies(queues -> assertThat(queues.writeQueueNums()).isEqualTo(3));
            assertThatThrownBy(() -> server.createTopic("bad name", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("may only contain");
            assertThatThrownBy(() -> server.createTopic("Fine", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1..1024");
        }
    }

    @Test
    void aSecondBrokerJoinsTheFirstNameServer() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.builder().start();
             EmbeddedServer second = EmbeddedServer.builder().property("mq.server.roles", "broker")
                     .property("mq.broker.name", "broker-b").property("mq.broker.namesrv-addr", first.namesrvAddress())
                     .start()) {
            ClusterInfo info = clusterInfo(first.namesrvAddress());
            assertThat(info.brokerAddrTable()).containsKeys("broker-a", "broker-b");
            assertThat(info.brokerAddrTable().get("broker-b").brokerAddrs()).containsValue(second.brokerAddress());
            assertThatThrownBy(second::namesrvAddress).isInstanceOf(IllegalStateException.class);
        }
    }
}
