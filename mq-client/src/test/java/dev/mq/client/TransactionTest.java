package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactional sends against our real server, which checks open transactions every second once they
 * are a second old: commit, rollback, check-back of unknown outcomes, and a check-back after a broker
 * restart.
 */
@Timeout(120)
class TransactionTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private EmbeddedServer server() {
        return closeLater(Servers.small().property("mq.broker.transaction.check-interval", "1s")
                .property("mq.broker.transaction.timeout", "1s").start());
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The bodies stored in {@code topic} so far. */
    private static List<String> bodies(Reader reader, String topic) {
        return reader.messages(topic).stream().map(m -> text(m.body())).toList();
    }

    /** What the checker was asked, and what it answers: per body, null meaning UNKNOWN. */
    private static final class Checker implements TransactionChecker {
        final Map<String, LocalTransactionState> answers = new ConcurrentHashMap<>();
        final List<ReceivedMessage> asked = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public LocalTransactionState check(ReceivedMessage message) {
            asked.add(message);
            threads.add(Thread.currentThread().getName());
            return answers.getOrDefault(text(message.body()), LocalTransactionState.UNKNOWN);
        }
    }

    @Test
    void aCommittedTransactionIsDeliveredAndARolledBackOneIsNot() {
        EmbeddedServer server = server();
        MqClient client = closeLater(Servers.client(server));
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        String topic = Servers.unique("Tx");
        Checker checker = new Checker();
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("tx"), checker).build());
        List<List<String>> visibleDuringLocalTransaction = new ArrayList<>();

        TransactionSendResult committed = producer.send(Message.builder(topic).keys("k1").body("commit-me").build(),
                half -> {
                    visibleDuringLocalTransaction.add(bodies(reader, topic));
                    return LocalTransactionState.COMMIT;
                });
        TransactionSendResult rolledBack = producer.send(Message.builder(topic).body("roll-me-back").build(),
                half -> LocalTransactionState.ROLLBACK);
        producer.send(Message.builder(topic).body("commit-me-too").build(), half -> LocalTransactionState.COMMIT);

        assertThat(committed.localState()).isEqualTo(LocalTransactionState.COMMIT);
        assertThat(committed.transactionId()).isEqualTo(committed.half().messageId());
        assertThat(rolledBack.localState()).isEqualTo(LocalTransactionState.ROLLBACK);
        assertThat(visibleDuringLocalTransaction).containsExactly(List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> bodies(reader, topic).size() == 2);
        List<ReceivedMessage> stored = reader.messages(topic);
        assertThat(stored).extracting(m -> text(m.body())).containsExactlyInAnyOrder("commit-me", "commit-me-too");
        ReceivedMessage first = stored.stream().filter(m -> text(m.body()).equals("commit-me")).findFirst().orElseThrow();
        assertThat(first.messageId()).isEqualTo(committed.half().messageId());
        assertThat(first.keys()).containsExactly("k1");
        assertThat(checker.asked).isEmpty();
    }

    @Test
    void anUnknownOutcomeIsCheckedBackOnACallbackThreadAndCommitted() {
        EmbeddedServer server = server();
        MqClient client = closeLater(Servers.client(server));
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        String topic = Servers.unique("TxCheck");
        Checker checker = new Checker();
        checker.answers.put("decided-later", LocalTransactionState.COMMIT);
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("tx"), checker).build());

        TransactionSendResult result = producer.send(Message.builder(topic).tags("t").keys("pay-1").property("p", "v")
                .body("decided-later").build(), half -> LocalTransactionState.UNKNOWN);

        assertThat(result.localState()).isEqualTo(LocalTransactionState.UNKNOWN);
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(reader, topic).contains("decided-later"));
        ReceivedMessage asked = checker.asked.get(0);
        assertThat(asked.messageId()).isEqualTo(result.transactionId());
        assertThat(asked.topic()).isEqualTo(topic);
        assertThat(asked.tags()).isEqualTo("t");
        assertThat(asked.keys()).containsExactly("pay-1");
        assertThat(asked.property("p")).isEqualTo("v");
        assertThat(checker.threads).allSatisfy(name -> assertThat(name).startsWith("mq-client-callback-"));
        assertThat(reader.messages(topic).get(0).messageId()).isEqualTo(result.transactionId());
    }

    @Test
    void aLocalTransactionThatThrowsReachesTheCallerAndTheCheckerDecides() {
        EmbeddedServer server = server();
        MqClient client = closeLater(Servers.client(server));
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        String topic = Servers.unique("TxThrows");
        Checker checker = new Checker();
        checker.answers.put("checker-commits", LocalTransactionState.COMMIT);
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("tx"), checker).build());

        assertThatThrownBy(() -> producer.send(Message.builder(topic).body("checker-commits").build(), half -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(MqClientException.class).hasMessageContaining("database down")
                .hasMessageContaining("the broker will ask the checker").hasCauseInstanceOf(IllegalStateException.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(reader, topic).contains("checker-commits"));
    }

    @Test
    void aTransactionIsCheckedBackAndCommittedAfterABrokerRestart() {
        EmbeddedServer server = server();
        MqClient client = closeLater(Servers.client(server));
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        String topic = Servers.unique("TxRestart");
        AtomicBoolean restarted = new AtomicBoolean();
        List<ReceivedMessage> askedAfterRestart = new CopyOnWriteArrayList<>();
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("tx"), message -> {
            if (!restarted.get()) {
                return LocalTransactionState.UNKNOWN;
            }
            askedAfterRestart.add(message);
            return LocalTransactionState.COMMIT;
        }).build());
        TransactionSendResult result = producer.send(Message.builder(topic).body("survives a restart").build(),
                half -> LocalTransactionState.UNKNOWN);

        server.restart();
        restarted.set(true);

        await().atMost(Duration.ofSeconds(40)).until(() -> bodies(reader, topic).contains("survives a restart"));
        assertThat(askedAfterRestart).extracting(ReceivedMessage::messageId).contains(result.transactionId());
    }

    @Test
    void aTransactionalMessageCannotBeDelayed() {
        EmbeddedServer server = server();
        MqClient client = closeLater(Servers.client(server));
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("tx"),
                message -> LocalTransactionState.COMMIT).build());
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> producer.send(Message.builder("Tx").delayLevel(2).body("x").build(), half -> {
            ran.set(true);
            return LocalTransactionState.COMMIT;
        })).isInstanceOf(MqClientException.class).hasMessageContaining("cannot be delayed");
        assertThat(ran).isFalse();
    }
}
