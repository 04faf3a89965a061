package dev.mq.bench.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale command against our real server ({@code java -jar mq-server.jar}, as scale.sh runs it). */
class ScaleCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void createsTopicsAndGroupsAndReportsRatesAndRouteLatency() throws Exception {
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
        Process server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--mq.server.data-dir=" + dataDir,
                "--mq.namesrv.port=" + namesrvPort, "--mq.broker.port=" + brokerPort,
                "--mq.broker.advertised-address=127.0.0.1", "--server.port=0"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // the command waits for the broker's registration itself
            int exit = ScaleCommand.run(new String[] {"--namesrv", "127.0.0.1:" + namesrvPort, "--topics", "300",
                    "--groups", "40", "--concurrency", "4", "--route-samples", "100", "--settle", "0",
                    "--server-pids", Long.toString(server.pid()), "--prefix", "t", "--first-messages", "50",
                    "--first-message-rate", "200", "--first-message-warmup", "20"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode result = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.get("topics").asInt()).isEqualTo(300);
            assertThat(result.get("topicsPerSecond").asDouble()).isPositive();
            assertThat(result.get("routeSamples").asInt()).isEqualTo(100);
            assertThat(result.get("routeP99Ms").asDouble()).isPositive();
            assertThat(result.get("rssAfterMib").asDouble()).isPositive();
            assertThat(result.get("serverCpuMicrosPerTopic").asDouble()).isPositive();
            // every one of the 50 first messages came back to the pull waiting on its queue, in order of time
            assertThat(result.get("firstMessages").asInt()).isEqualTo(50);
            assertThat(result.get("firstMessageP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(result.get("firstMessageP99Ms").asDouble());
            assertThat(result.get("firstMessageP99Ms").asDouble())
                    .isLessThanOrEqualTo(result.get("firstMessageMaxMs").asDouble());
            assertThat(result.get("firstMessageWarmUp").asInt()).isEqualTo(20);
            assertThat(result.get("existingQueueP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(result.get("existingQueueMaxMs").asDouble());
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("300 topics created")
                    .contains("first message into 50 new queues");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void aMissingNameServerIsAnErrorWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ScaleCommand.run(new String[] {"--topics", "5"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--namesrv is required").contains("usage:");
    }
}
