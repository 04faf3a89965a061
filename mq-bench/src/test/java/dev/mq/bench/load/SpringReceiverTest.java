package dev.mq.bench.load;

import dev.mq.bench.ceiling.NullBroker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code consume --client spring}: the starter's {@code @MqListener} in a Spring Boot application
 * drains the null broker's backlog, reporting each message once to the load, with each idempotency
 * choice; the JDBC and Redis stores (the test services' PostgreSQL and redis-server) really record
 * every message's key.
 */
class SpringReceiverTest {

    private static final long BACKLOG_PER_QUEUE = 250;
    private static final long TOTAL = BACKLOG_PER_QUEUE * 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NullBroker broker;

    @BeforeEach
    void start() {
        System.setProperty("rocketmq.client.logRoot", Path.of(System.getProperty("java.io.tmpdir"), "mq-bench-client-logs").toString());
        broker = new NullBroker("127.0.0.1", 0, 0, 256, BACKLOG_PER_QUEUE).start("127.0.0.1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(ListenerIdempotency.class)
    void theListenerCountsEveryMessageOfTheBacklog(ListenerIdempotency idempotency) throws Exception {
        String group = "spring_receiver_" + idempotency.cliName() + "_" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LoadTool.run("consume", new String[]{"--client", "spring", "--idempotency", idempotency.cliName(),
                "--namesrv", "127.0.0.1:" + broker.namesrvPort(), "--topic", "SpringDrain", "--group", group,
                "--threads", "4", "--idle-timeout", "10s", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        // no --count: the run ends once the backlog is drained (idle), so every message is counted
        JsonNode result = JSON.readTree(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(result.get("client").asString()).isEqualTo("spring");
        assertThat(result.get("messages").asLong()).isEqualTo(TOTAL);
        assertThat(broker.pulledMessages()).isEqualTo(TOTAL);
        assertThat(broker.unsupportedRequests()).isEmpty();
        switch (idempotency) {
            case JDBC -> assertThat(processedRows(group)).as("keys the JDBC store recorded").isEqualTo(TOTAL);
            case REDIS -> assertThat(redisKeys(group)).as("keys the Redis store recorded").isEqualTo(TOTAL);
            default -> {
            }
        }
    }

    @Test
    void springIsAConsumeSideOnly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LoadTool.run("produce", new String[]{"--client", "spring"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--client spring has only a consume side");
    }

    private static long processedRows(String group) throws Exception {
        try (Connection connection = DriverManager.getConnection(SpringReceiverOptions.DEFAULT_JDBC_URL,
                SpringReceiverOptions.DEFAULT_JDBC_USER, SpringReceiverOptions.DEFAULT_JDBC_PASSWORD);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM mq_idempotency WHERE consumer_group = ? AND status = 'PROCESSED'")) {
            query.setString(1, group);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long redisKeys(String group) {
        RedisClient client = RedisClient.create("redis://" + SpringReceiverOptions.DEFAULT_REDIS_HOST + ":"
                + SpringReceiverOptions.DEFAULT_REDIS_PORT);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys("mq:idempotency:" + group + ":*").stream()
                    .filter(key -> connection.sync().get(key).startsWith("processed:"))
                    .count();
        } finally {
            client.shutdown();
        }
    }
}
