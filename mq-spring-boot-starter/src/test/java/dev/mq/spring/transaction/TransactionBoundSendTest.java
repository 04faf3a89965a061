package dev.mq.spring.transaction;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.ConsumeResult;
import dev.mq.client.LocalTransactionState;
import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.PushConsumer;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.SendResult;
import dev.mq.spring.transaction.BoundSendTestApplication.RecordingChecker;
import dev.mq.test.EmbeddedMq;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Sends bound to a Spring transaction, end to end: the starter's sender in a real application
 * context, our real server in-process (checking open transactions every second once they are a
 * second old), an H2 database served over TCP, and a plain mq-client consumer that counts deliveries.
 * Two tests kill a child JVM of the same application between its database transaction's end and the
 * message's end; this process then answers the broker's check-back.
 */
@SpringBootTest(classes = BoundSendTestApplication.class, properties = {
        "mq.producer.group=" + TransactionBoundSendTest.GROUP, "mq.transaction.check-grace=3s"})
@EmbeddedMq(topics = TransactionBoundSendTest.TOPIC, properties = {
        "mq.broker.transaction.check-interval=1s", "mq.broker.transaction.timeout=1s"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class TransactionBoundSendTest {

    static final String GROUP = "bound-test";
    static final String TOPIC = "BoundSends";

    private static final Server DATABASE = startDatabase();

    @Autowired
    TransactionBoundSender sender;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RecordingChecker checker;

    @Value("${mq.namesrv}")
    String namesrv;

    private final List<ReceivedMessage> delivered = new CopyOnWriteArrayList<>();
    private MqClient consumerClient;
    private PushConsumer consumer;

    private static Server startDatabase() {
        try {
            return Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 TCP server", e);
        }
    }

    private static String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + DATABASE.getPort() + "/mem:bound_sends;DB_CLOSE_DELAY=-1";
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("test.jdbc-url", TransactionBoundSendTest::jdbcUrl);
    }

    @BeforeAll
    void startConsumer() {
        consumerClient = MqClient.builder().namesrv(namesrv).build();
        consumer = consumerClient.pushConsumer("bound-test-consumer").subscribe(TOPIC, "*")
                .consumeFrom(ConsumeFrom.FIRST_OFFSET)
                .listener(messages -> {
                    delivered.addAll(messages);
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    @AfterAll
    void stopConsumerAndDatabase() {
        consumer.close();
        consumerClient.close();
        DATABASE.stop();
    }

    private static Message message(String body) {
        return Message.builder(TOPIC).keys(body).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private long deliveriesOf(String messageId) {
        return delivered.stream().filter(m -> m.messageId().equals(messageId)).count();
    }

    private boolean orderExists(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class, id) > 0;
    }

    /** Sends a bound message in a committed transaction and waits until it is delivered: later sends are too. */
    private void sendProbeAndAwaitIt() {
        String probe = unique("probe");
        SendResult result = transactions.execute(status -> sender.send(GROUP, message(probe)));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesOf(result.messageId()) == 1);
    }

    @Test
    void aMessageSentInACommittedTransactionIsDeliveredOnceWithTheBusinessRow() {
        String order = unique("commit");

        SendResult result = transactions.execute(status -> {
            jdbc.update("INSERT INTO orders (id, item) VALUES (?, ?)", order, "book");
            return sender.send(GROUP, message(order));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesOf(result.messageId()) == 1);
        sendProbeAndAwaitIt();
        assertThat(deliveriesOf(result.messageId())).isEqualTo(1);
        assertThat(delivered).filteredOn(m -> m.messageId().equals(result.messageId())).singleElement()
                .satisfies(m -> assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo(order));
        assertThat(orderExists(order)).isTrue();
        assertThat(jdbc.queryForObject("SELECT producer_group FROM mq_transactional_send WHERE transaction_id = ?",
                String.class, result.messageId())).isEqualTo(GROUP);
    }

    @Test
    void aMessageSentInARolledBackTransactionIsNeverDelivered() {
        String order = unique("rollback");

        SendResult result = transactions.execute(status -> {
            jdbc.update("INSERT INTO orders (id, item) VALUES (?, ?)", order, "book");
            SendResult half = sender.send(GROUP, message(order));
            status.setRollbackOnly();
            return half;
        });

        sendProbeAndAwaitIt();
        assertThat(deliveriesOf(result.messageId())).isZero();
        assertThat(orderExists(order)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mq_transactional_send WHERE transaction_id = ?",
                Integer.class, result.messageId())).isZero();
    }

    @Test
    void aSendOutsideATransactionFailsAndSendsNothing() {
        String body = unique("outside");

        assertThatThrownBy(() -> sender.send(GROUP, message(body))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs an active Spring transaction").hasMessageContaining("nothing was sent");

        sendProbeAndAwaitIt();
        assertThat(delivered).noneMatch(m -> new String(m.body(), StandardCharsets.UTF_8).equals(body));
    }

    @Test
    void aSendInATransactionOfAnotherDataSourceFailsAndSendsNothing() {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL("jdbc:h2:mem:other-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TransactionTemplate otherTransactions = new TransactionTemplate(new DataSourceTransactionManager(other));
        String body = unique("other-database");

        assertThatThrownBy(() -> otherTransactions.executeWithoutResult(status -> sender.send(GROUP, message(body))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no connection of the DataSource")
                .hasMessageContaining("Nothing was sent");

        sendProbeAndAwaitIt();
        assertThat(delivered).noneMatch(m -> new String(m.body(), StandardCharsets.UTF_8).equals(body));
    }

    @Test
    void aProcessKilledAfterTheDatabaseCommitHasItsMessageCommittedByTheCheckBack(@TempDir Path dir)
            throws Exception {
        String order = unique("crash-commit");

        String transactionId = runChildThatHalts(dir, order, "commit", BoundSendCrashApp.HALTED_AFTER_COMMIT);

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveriesOf(transactionId) == 1);
        assertThat(checker.answers(transactionId)).contains(LocalTransactionState.COMMIT);
        sendProbeAndAwaitIt();
        assertThat(deliveriesOf(transactionId)).isEqualTo(1);
        assertThat(orderExists(order)).isTrue();
    }

    @Test
    void aProcessKilledAfterTheDatabaseRollbackHasItsMessageRolledBackByTheCheckBack(@TempDir Path dir)
            throws Exception {
        String order = unique("crash-rollback");

        String transactionId = runChildThatHalts(dir, order, "rollback", BoundSendCrashApp.HALTED_AFTER_ROLLBACK);

        await().atMost(Duration.ofSeconds(60)).until(() -> checker.answers(transactionId)
                .contains(LocalTransactionState.ROLLBACK));
        assertThat(checker.answers(transactionId)).doesNotContain(LocalTransactionState.COMMIT);
        sendProbeAndAwaitIt();
        assertThat(deliveriesOf(transactionId)).isZero();
        assertThat(orderExists(order)).isFalse();
    }

    /** Runs {@link BoundSendCrashApp} in a child JVM, checks it halted where expected, and returns its transaction id. */
    private String runChildThatHalts(Path dir, String order, String mode, int expectedExit) throws Exception {
        File output = dir.resolve("child.log").toFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BoundSendCrashApp.class.getName(), namesrv, jdbcUrl(), GROUP, TOPIC, order, mode));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        try {
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child ended").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(output.toPath());
        assertThat(child.exitValue()).as("exit code of the child, whose output was:%n%s", log).isEqualTo(expectedExit);
        return log.lines().filter(line -> line.startsWith("PREPARED ")).map(line -> line.substring(9).trim())
                .findFirst().orElseThrow(() -> new AssertionError("the child printed no transaction id:\n" + log));
    }
}
