package dev.mq.client;

import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactions prepared now and ended later ({@link TransactionalProducer#prepare(Message)}) against our
 * real server, which checks open transactions every second once they are a second old.
 */
@Timeout(120)
class PreparedTransactionTest {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ReceivedMessage> asked = new CopyOnWriteArrayList<>();

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

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static List<String> bodies(Reader reader, String topic) {
        return reader.messages(topic).stream().map(m -> text(m.body())).toList();
    }

    /** A server, a reader of it, and a producer whose checker records what it is asked and commits. */
    private record Setup(Reader reader, TransactionalProducer producer) {
    }

    private Setup setUp() {
        EmbeddedServer server = closeLater(Servers.small().property("mq.broker.transaction.check-interval", "1s")
                .property("mq.broker.transaction.timeout", "1s").start());
        MqClient client = closeLater(Servers.client(server));
        Reader reader = closeLater(new Reader(server.namesrvAddress()));
        TransactionalProducer producer = closeLater(client.transactionalProducer(Servers.unique("prepared"),
                message -> {
                    asked.add(message);
                    return LocalTransactionState.COMMIT;
                }).build());
        return new Setup(reader, producer);
    }

    @Test
    void aPreparedMessageIsInvisibleUntilCommittedAndThenDeliveredOnce() {
        Setup setup = setUp();
        String topic = Servers.unique("Prepared");

        PreparedTransaction prepared = setup.producer().prepare(Message.builder(topic).keys("order-1")
                .body("later").build());

        assertThat(prepared.transactionId()).isEqualTo(prepared.half().messageId());
        assertThat(prepared.half().status()).isEqualTo(SendStatus.SEND_OK);
        assertThat(prepared.outcome()).isEqualTo(LocalTransactionState.UNKNOWN);
        assertThat(bodies(setup.reader(), topic)).isEmpty();

        prepared.commit();
        prepared.commit();

        assertThat(prepared.outcome()).isEqualTo(LocalTransactionState.COMMIT);
        assertThatThrownBy(prepared::rollback).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(prepared.transactionId()).hasMessageContaining("already ended with COMMIT");
        await().atMost(Duration.ofSeconds(20)).until(() -> bodies(setup.reader(), topic).contains("later"));
        setup.producer().send(Message.builder(topic).body("marker").build(), half -> LocalTransactionState.COMMIT);
        await().atMost(Duration.ofSeconds(20)).until(() -> bodies(setup.reader(), topic).contains("marker"));
        assertThat(bodies(setup.reader(), topic)).containsExactlyInAnyOrder("later", "marker");
        assertThat(setup.reader().messages(topic)).filteredOn(m -> text(m.body()).equals("later"))
                .singleElement().satisfies(m -> assertThat(m.messageId()).isEqualTo(prepared.transactionId()));
    }

    @Test
    void aRolledBackPreparedMessageIsNeverDelivered() {
        Setup setup = setUp();
        String topic = Servers.unique("PreparedRollback");

        PreparedTransaction rolledBack = setup.producer().prepare(Message.builder(topic).body("discard").build());
        PreparedTransaction committed = setup.producer().prepare(Message.builder(topic).body("keep").build());
        rolledBack.rollback();
        rolledBack.rollback();
        committed.commit();

        assertThat(rolledBack.outcome()).isEqualTo(LocalTransactionState.ROLLBACK);
        assertThatThrownBy(rolledBack::commit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already ended with ROLLBACK");
        await().atMost(Duration.ofSeconds(20)).until(() -> bodies(setup.reader(), topic).contains("keep"));
        assertThat(bodies(setup.reader(), topic)).containsExactly("keep");
    }

    @Test
    void aPreparedMessageNeverEndedIsDecidedByTheChecker() {
        Setup setup = setUp();
        String topic = Servers.unique("PreparedForgotten");

        PreparedTransaction forgotten = setup.producer().prepare(Message.builder(topic).body("forgotten").build());

        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(setup.reader(), topic).contains("forgotten"));
        assertThat(asked).extracting(ReceivedMessage::messageId).contains(forgotten.transactionId());
        assertThat(forgotten.outcome()).isEqualTo(LocalTransactionState.UNKNOWN);
    }

    @Test
    void aDelayedMessageCannotBePrepared() {
        Setup setup = setUp();

        assertThatThrownBy(() -> setup.producer().prepare(Message.builder("Prepared").delayLevel(2).body("x").build()))
                .isInstanceOf(MqClientException.class).hasMessageContaining("cannot be delayed");
    }
}
