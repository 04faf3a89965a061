package dev.mq.server;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP side: health of the store and message metrics in Prometheus format. */
@Timeout(60)
class ActuatorTest {

    @TempDir
    static Path dir;

    static ConfigurableApplicationContext context;
    static RemotingClient client;
    static String broker;
    static int httpPort;

    @BeforeAll
    static void start() {
        context = MqServerApplication.builder()
                .properties("mq.server.data-dir=" + dir, "mq.namesrv.port=0", "mq.broker.port=0",
                        "mq.broker.advertised-address=127.0.0.1")
                .run("--server.port=0"); // an argument: application.properties' server.port wins over builder properties
        httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        broker = context.getBean(MqServer.class).broker().address();
        client = new RemotingClient(RemotingClientConfig.defaults());
    }

    @AfterAll
    static void stop() {
        client.close();
        context.close();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.body();
    }

    private static RemotingCommand send(String topic, String body) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
        request.putExt("a", "pg");
        request.putExt("b", topic);
        request.putExt("c", "TBW102");
        request.putExt("d", 4);
        request.putExt("e", 0);
        request.putExt("f", 0);
        request.putExt("g", System.currentTimeMillis());
        request.putExt("h", 0);
        request.putExt("i", "UNIQ_KEY\u0001ABC" + body + "\u0002");
        request.setBody(body.getBytes(StandardCharsets.UTF_8));
        return client.invokeSync(broker, request, 5000);
    }

    @Test
    void healthShowsTheStoreUpWithDiskUsage() throws Exception {
        String health = get("/actuator/health");
        assertThat(health).contains("\"status\":\"UP\"").contains("\"store\"").contains("diskUsedRatio")
                .contains("commitLogMaxOffset");
    }

    @Test
    void messagesInAndBacklogAppearInPrometheusFormat() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("Metered", "m" + i).code()).isEqualTo(ResponseCode.SUCCESS);
        }
        RemotingCommand commit = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET);
        commit.putExt("consumerGroup", "g1");
        commit.putExt("topic", "Metered");
        commit.putExt("queueId", 0);
        commit.putExt("commitOffset", 1L);
        assertThat(client.invokeSync(broker, commit, 5000).code()).isEqualTo(ResponseCode.SUCCESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(MqServer.class).broker().store()
                .maxOffset("Metered", 0) == 3);
        context.getBean(ServerMetrics.class).refreshBacklog();

        String prometheus = get("/actuator/prometheus");
        assertThat(prometheus).containsPattern("mq_messages_in(_messages)?_total\\{[^}]*topic=\"Metered\"[^}]*} 3\\.0");
        assertThat(prometheus).containsPattern("mq_consumer_backlog_messages\\{[^}]*group=\"g1\"[^}]*topic=\"Metered\"[^}]*} 2\\.0");
    }
}
