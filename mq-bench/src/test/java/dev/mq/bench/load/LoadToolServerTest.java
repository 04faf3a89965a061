package dev.mq.bench.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool against our real server ({@code java -jar mq-server.jar}, as compare.sh runs it),
 * on each client library: every send mode, a drain and an end-to-end run, with the JSON results
 * checked.
 */
class LoadToolServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;
    private static Process server;
    private static String namesrv;
    private static String broker;

    @BeforeAll
    static void startServer() throws IOException {
        Path jar = Path.of(System.getProperty("mq.server.jar", "../mq-server/target/mq-server.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("server jar " + jar + " is missing: build mq-server first (./mvnw package)");
        }
        int namesrvPort;
        int brokerPort;
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            // both bound at once, so the two ports differ
            namesrvPort = first.getLocalPort();
            brokerPort = second.getLocalPort();
        }
        namesrv = "127.0.0.1:" + namesrvPort;
        broker = "127.0.0.1:" + brokerPort;
        server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(),
                "--mq.server.data-dir=" + dataDir,
                "--mq.namesrv.port=" + namesrvPort,
                "--mq.broker.port=" + brokerPort,
                "--mq.broker.advertised-address=127.0.0.1",
                "--server.port=0"))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientKind.class, names = {"OFFICIAL", "OURS"})
    void produceEveryWayThenDrainThenEndToEnd(ClientKind kind) throws IOException {
        String client = kind.cliName();
        // topics of their own: each client's drain counts exactly what it sent
        String topic = "LoadTool_" + client;
        Run ready = run("ready", "--namesrv", namesrv, "--broker", broker, "--timeout", "60s", "--json");
        assertThat(ready.exit).as(ready.describe()).isZero();
        assertThat(ready.json().get("readyEpochMillis").asLong()).isPositive();

        JsonNode sync = run("produce", "--client", client, "--namesrv", namesrv, "--topic", topic, "--count", "3000",
                "--threads", "4", "--size", "700", "--json").assertOk(kind);
        assertThat(sync.get("messages").asLong()).isEqualTo(3000);
        assertThat(sync.get("errors").asLong()).isZero();
        assertThat(sync.get("latencyMs").get("count").asLong()).isEqualTo(3000);
        assertThat(sync.get("latencyMs").get("p99").asDouble()).isPositive();
        assertThat(sync.get("throughput").asDouble()).isPositive();
        assertThat(sync.get("cpuMicrosPerMessage").asDouble()).as("the load tool's own CPU per message").isPositive();
        assertThat(sync.has("serverCpuMicrosPerMessage")).as("only with --server-pids").isFalse();

        JsonNode batch = run("produce", "--client", client, "--namesrv", namesrv, "--topic", topic, "--count", "320",
                "--threads", "2", "--mode", "batch", "--batch-size", "16", "--size", "700", "--json").assertOk(kind);
        assertThat(batch.get("messages").asLong()).isEqualTo(320);
        assertThat(batch.get("errors").asLong()).isZero();
        assertThat(batch.get("latencyMs").get("count").asLong()).isEqualTo(20);

        JsonNode async = run("produce", "--client", client, "--namesrv", namesrv, "--topic", topic, "--count", "500",
                "--threads", "2", "--mode", "async", "--inflight", "8", "--size", "700", "--json").assertOk(kind);
        assertThat(async.get("messages").asLong()).isEqualTo(500);
        assertThat(async.get("errors").asLong()).isZero();
        assertThat(async.get("latencyMs").get("count").asLong()).isEqualTo(500);

        JsonNode oneway = run("produce", "--client", client, "--namesrv", namesrv, "--topic", topic, "--count", "200",
                "--threads", "2", "--mode", "oneway", "--rate", "2000", "--size", "700", "--json").assertOk(kind);
        assertThat(oneway.get("messages").asLong()).isEqualTo(200);
        assertThat(oneway.get("errors").asLong()).isZero();
        assertThat(oneway.get("mode").asString()).isEqualTo("oneway");

        // every message of the four loads (oneway ones too: the drain shows they were stored)
        long total = 3000 + 320 + 500 + 200;
        JsonNode drain = run("consume", "--client", client, "--namesrv", namesrv, "--topic", topic, "--count",
                Long.toString(total), "--idle-timeout", "20s", "--server-pids", Long.toString(server.pid()), "--json")
                .assertOk(kind);
        assertThat(drain.get("messages").asLong()).isEqualTo(total);
        assertThat(drain.get("errors").asLong()).isZero();
        assertThat(drain.get("mode").asString()).isEqualTo("push");
        assertThat(drain.get("drainRate").asDouble()).isPositive();
        assertThat(drain.get("firstMessageSeconds").asDouble()).isBetween(0.0, drain.get("seconds").asDouble());
        // a short drain may cost less than the 10 ms the kernel counts in; a number it must be
        assertThat(drain.get("cpuMicrosPerMessage").isNumber()).as(drain.toString()).isTrue();
        assertThat(drain.get("serverCpuMicrosPerMessage").isNumber()).as("the server's CPU, by pid").isTrue();
        assertThat(drain.get("serverCpuCores").asDouble()).isNotNegative();

        JsonNode e2e = run("e2e", "--client", client, "--namesrv", namesrv, "--topic", topic + "_e2e", "--rate", "200",
                "--warmup", "3s", "--duration", "3s", "--json").assertOk(kind);
        // 200 msg/s for 3 s; a producer that stalled in the warm-up catches up, so allow some spread
        assertThat(e2e.get("sent").asDouble()).isBetween(300.0, 900.0);
        assertThat(e2e.get("lost").asDouble()).isZero();
        assertThat(e2e.get("errors").asLong()).isZero();
        assertThat(e2e.get("messages").asLong()).isEqualTo((long) e2e.get("sent").asDouble());
        assertThat(e2e.get("latencyMs").get("count").asLong()).isEqualTo(e2e.get("messages").asLong());
        assertThat(e2e.get("latencyMs").get("p50").asDouble()).isPositive();
        assertThat(e2e.get("cpuMicrosPerMessage").asDouble()).isPositive();
    }

    private static Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LoadTool.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(command, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(String command, int exit, String out, String err) {

        JsonNode json() {
            return JSON.readTree(out);
        }

        JsonNode assertOk(ClientKind client) {
            assertThat(exit).as(describe()).isZero();
            JsonNode node = json();
            assertThat(node.get("command").asString()).isEqualTo(command);
            assertThat(node.get("client").asString()).as("which client ran").isEqualTo(client.cliName());
            return node;
        }

        String describe() {
            return command + " exited with " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err
                    + "\nserver log: " + dataDir.resolve("server.log");
        }
    }
}
