package dev.mq.compat;

import dev.mq.compat.Clients.Received;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.mq.compat.Clients.body;
import static dev.mq.compat.Clients.message;
import static dev.mq.compat.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactional messages with the official {@link TransactionMQProducer}: commit, rollback, the
 * broker's check-back for unknown outcomes, and a pending transaction across a broker restart.
 * Each test runs its own server that checks every second once a half is 2 s old.
 */
@Timeout(180)
class TransactionCompatTest {

    private static final String[] QUICK_CHECKS = {"--mq.broker.transaction.check-interval=1s",
            "--mq.broker.transaction.timeout=2s"};

    @TempDir
    Path dataDir;

    private final TestResources resources = new TestResources();

    @AfterEach
    void closeAll() throws Exception {
        resources.close();
    }

    /**
     * What the producer's listener decides, by message body: first after the local transaction,
     * then on each check-back. Records the bodies the broker asked about.
     */
    private static final class Decisions implements TransactionListener {
        private final Function<String, LocalTransactionState> local;
        private final Function<String, LocalTransactionState> check;
        final Map<String, Integer> checked = new ConcurrentHashMap<>();

        Decisions(Function<String, LocalTransactionState> local, Function<String, LocalTransactionState> check) {
            this.local = local;
            this.check = check;
        }

        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
            return local.apply(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt message) {
            checked.merge(body(message), 1, Integer::sum);
            return check.apply(body(message));
        }
    }

    /** A started transactional producer of {@code group} that heartbeats every second (so checks find it soon). */
    private TransactionMQProducer transactionProducer(ServerProcess server, String group, TransactionListener listener)
            throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer(group);
        producer.setNamesrvAddr(server.namesrvAddr());
        producer.setInstanceName(unique("tp"));
        producer.setHeartbeatBrokerInterval(1000);
        producer.setTransactionListener(listener);
        producer.start();
        resources.add(producer::shutdown);
        return producer;
    }

    private static TransactionSendResult send(TransactionMQProducer producer, String topic, String body)
            throws Exception {
        TransactionSendResult result = producer.sendMessageInTransaction(message(topic, "TagX", body), null);
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        return result;
    }

    /** Sends a plain message after the transactions and waits for it: the consumer has read past them. */
    private static void awaitMarker(DefaultMQProducer producer, String topic, Received received) throws Exception {
        assertThat(producer.send(message(topic, "TagM", "marker")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(List.of("marker")));
    }

    /** The state a listener gives a body: COMMIT for "commit...", ROLLBACK for "rollback...", else UNKNOW. */
    private static LocalTransactionState byPrefix(String body) {
        return body.startsWith("commit") ? LocalTransactionState.COMMIT_MESSAGE
                : body.startsWith("rollback") ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.UNKNOW;
    }

    private static int checks(Decisions decisions, String body) {
        return decisions.checked.getOrDefault(body, 0);
    }

    /**
     * Waits until the broker has checked {@code body}, a half left undecided, {@code times} times in
     * all. The checker walks the open halves in the order they were stored, once per cycle, and checks
     * an undecided one in every cycle: a check of a half sent after the others shows that a whole
     * cycle has passed over them.
     */
    private static void awaitChecks(Decisions decisions, String body, int times) {
        await().atMost(Duration.ofSeconds(30)).until(() -> checks(decisions, body) >= times);
    }

    @Test
    void aCommittedTransactionIsConsumedOnceAndARolledBackOneNever() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), QUICK_CHECKS));
        Clients clients = resources.clients(server);
        Decisions decisions = new Decisions(TransactionCompatTest::byPrefix, body -> LocalTransactionState.UNKNOW);
        TransactionMQProducer producer = transactionProducer(server, unique("tpg"), decisions);
        String topic = unique("Tx");
        clients.createTopic(producer, topic, 1);
        Received received = new Received();
        clients.pushConsumer(unique("cg"), topic, received);

        TransactionSendResult committed = send(producer, topic, "commit-1");
        TransactionSendResult rolledBack = send(producer, topic, "rollback-1");
        send(producer, topic, "undecided-1"); // stays open: the broker checks it every cycle
        assertThat(committed.getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(rolledBack.getLocalTransactionState()).isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(List.of("commit-1")));
        // checked twice: two cycles have passed over commit-1 and rollback-1 since they were due (2 s),
        // and the producer has handled whatever the first of them sent
        awaitChecks(decisions, "undecided-1", 2);
        awaitMarker(producer, topic, received);
        assertThat(received.bodies()).containsExactlyInAnyOrder("commit-1", "marker");
        assertThat(received.duplicates()).isEmpty();
        MessageExt message = received.messages().stream().filter(m -> body(m).equals("commit-1")).findFirst()
                .orElseThrow();
        assertThat(message.getMsgId()).isEqualTo(committed.getMsgId());
        assertThat(message.getTags()).isEqualTo("TagX");
        assertThat(decisions.checked).as("resolved halves are not checked").containsOnlyKeys("undecided-1");
    }

    @Test
    void unknownOutcomesAreResolvedByTheBrokersCheckBack() throws Exception {
        ServerProcess server = resources.start(new ServerProcess(dataDir.resolve("server"), QUICK_CHECKS));
        Clients clients = resources.clients(server);
        Decisions decisions = new Decisions(body -> LocalTransactionState.UNKNOW, TransactionCompatTest::byPrefix);
        TransactionMQProducer producer = transactionProducer(server, unique("tpg"), decisions);
        String topic = unique("TxCheck");
        clients.createTopic(producer, topic, 1);
        Received received = new Received();
        clients.pushConsumer(unique("cg"), topic, received);

        long sentAt = System.currentTimeMillis();
        send(producer, topic, "commit-later");
        send(producer, topic, "rollback-later");
        send(producer, topic, "undecided-later"); // unknown at every check: checked in every cycle

        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("commit-later")));
        long took = System.currentTimeMillis() - sentAt;
        assertThat(took).as("committed by a check after %d ms", took).isGreaterThanOrEqualTo(2_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions.checked.containsKey("rollback-later"));
        // two more checks of the undecided half: a cycle after the one that asked about rollback-later
        // has passed, so the producer's answers to both checks have arrived and resolved the halves
        int seen = checks(decisions, "undecided-later");
        awaitChecks(decisions, "undecided-later", seen + 2);
        Map<String, Integer> resolvedChecks = Map.of("commit-later", checks(decisions, "commit-later"),
                "rollback-later", checks(decisions, "rollback-later"));
        // and one more cycle, which must not check them again
        awaitChecks(decisions, "undecided-later", seen + 3);
        awaitMarker(producer, topic, received);
        assertThat(received.bodies()).containsExactlyInAnyOrder("commit-later", "marker");
        assertThat(received.duplicates()).isEmpty();
        assertThat(resolvedChecks).allSatisfy((body, count) -> assertThat(count).as(body).isPositive());
        assertThat(Map.of("commit-later", checks(decisions, "commit-later"),
                "rollback-later", checks(decisions, "rollback-later")))
                .as("resolved halves are not checked again").isEqualTo(resolvedChecks);
    }

    @Test
    void aPendingTransactionSurvivesABrokerRestartAndIsResolvedByTheCheckAfterIt() throws Exception {
        ServerProcess first = resources.start(new ServerProcess(dataDir.resolve("server"), QUICK_CHECKS));
        Clients before = resources.clients(first);
        String group = unique("tpg");
        Decisions undecided = new Decisions(body -> LocalTransactionState.UNKNOW, body -> LocalTransactionState.UNKNOW);
        TransactionMQProducer producer = transactionProducer(first, group, undecided);
        String topic = unique("TxRestart");
        before.createTopic(producer, topic, 1);
        TransactionSendResult sent = send(producer, topic, "pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> undecided.checked.containsKey("pending"));
        producer.shutdown();
        before.close();
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        ServerProcess second = resources.start(first.successor());
        Clients after = resources.clients(second);
        Received received = new Received();
        after.pushConsumer(unique("cg"), topic, received);
        Decisions decided = new Decisions(body -> LocalTransactionState.UNKNOW,
                body -> LocalTransactionState.COMMIT_MESSAGE);
        TransactionMQProducer restarted = transactionProducer(second, group, decided);
        // a send makes the producer learn the new broker (and heartbeat to it); checks need that
        assertThat(restarted.send(message(topic, "TagM", "hello")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        await().atMost(Duration.ofSeconds(60)).until(() -> received.containsAll(List.of("hello", "pending")));
        assertThat(decided.checked).containsKey("pending");
        assertThat(received.duplicates()).isEmpty();
        MessageExt committed = received.messages().stream().filter(m -> body(m).equals("pending")).findFirst()
                .orElseThrow();
        assertThat(committed.getMsgId()).isEqualTo(sent.getMsgId());
    }
}
