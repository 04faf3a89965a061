package dev.mq.server.broker.transaction;

import dev.mq.message.MessageIds;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.server.broker.transaction.TransactionFixture.Stored;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker against a real store, moving the clock instead of sleeping. */
class TransactionCheckServiceTest {

    @TempDir
    Path dir;

    private TransactionFixture broker;

    @AfterEach
    void close() {
        broker.close();
    }

    private TransactionFixture open(int maxChecks) {
        broker = new TransactionFixture(dir, new TransactionSettings(Duration.ofSeconds(6), Duration.ofSeconds(30),
                maxChecks));
        return broker;
    }

    @Test
    void anOpenHalfIsCheckedOnlyAfterTheTimeoutWithItsOffsetsAndRecord() {
        open(15);
        RemotingCommand sent = broker.sendHalf("Orders", "pending", Map.of());

        broker.clock.advance(Duration.ofMillis(5_999));
        broker.checker.runOnce();
        assertThat(broker.checks).isEmpty();

        broker.clock.advance(Duration.ofMillis(1));
        broker.checker.runOnce();
        assertThat(broker.checks).hasSize(1);
        TransactionFixture.Sent sentCheck = broker.checks.get(0);
        assertThat(sentCheck.group()).isEqualTo(TransactionFixture.GROUP);
        RemotingCommand check = sentCheck.check();
        assertThat(check.code()).isEqualTo(RequestCode.CHECK_TRANSACTION_STATE);
        assertThat(check.ext("tranStateTableOffset")).isEqualTo(sent.ext("queueOffset"));
        assertThat(check.requireExtLong("commitLogOffset")).isEqualTo(MessageIds.commitLogOffset(sent.ext("msgId")));
        assertThat(check.ext("offsetMsgId")).isEqualTo(sent.ext("msgId"));
        assertThat(check.ext("transactionId")).isEqualTo("UNIQpending");
        Stored body = Stored.of(ByteBuffer.wrap(check.body()));
        assertThat(body.topic()).isEqualTo("Orders");
        assertThat(body.body()).isEqualTo("pending");
        assertThat(body.commitLogOffset()).isEqualTo(check.requireExtLong("commitLogOffset"));
        assertThat(body.queueOffset()).isEqualTo(check.requireExtLong("tranStateTableOffset"));
        assertThat(body.properties()).containsEntry("PGROUP", TransactionFixture.GROUP)
                .containsEntry("TRANSACTION_CHECK_TIMES", "1");

        broker.answer(check, MessageSysFlag.TRANSACTION_COMMIT);
        broker.answer(check, MessageSysFlag.TRANSACTION_COMMIT);
        broker.clock.advance(Duration.ofSeconds(30));
        broker.checker.runOnce();
        assertThat(broker.checks).hasSize(1);
        assertThat(broker.read("Orders", 0)).extracting(Stored::body).containsExactly("pending");
    }

    @Test
    void aHalfsOwnImmunityTimeReplacesTheTimeout() {
        open(15);
        broker.sendHalf("Orders", "slow", Map.of("CHECK_IMMUNITY_TIME_IN_SECONDS", "20"));
        broker.sendHalf("Orders", "normal", Map.of());

        broker.clock.advance(Duration.ofSeconds(6));
        broker.checker.runOnce();
        assertThat(broker.checks).extracting(s -> s.check().ext("transactionId")).containsExactly("UNIQnormal");

        broker.clock.advance(Duration.ofMillis(13_999));
        broker.checker.runOnce();
        assertThat(broker.checks).extracting(s -> s.check().ext("transactionId"))
                .containsExactly("UNIQnormal", "UNIQnormal");

        broker.clock.advance(Duration.ofMillis(1));
        broker.checker.runOnce();
        assertThat(broker.checks).extracting(s -> s.check().ext("transactionId"))
                .containsExactlyInAnyOrder("UNIQnormal", "UNIQnormal", "UNIQslow", "UNIQnormal");
    }

    @Test
    void withoutAProducerOnlineNothingIsCountedAndAfterMaxChecksTheHalfIsParked() {
        open(3);
        RemotingCommand sent = broker.sendHalf("Orders", "orphan", Map.of());
        broker.producerOnline = false;
        for (int cycle = 0; cycle < 5; cycle++) {
            broker.clock.advance(Duration.ofSeconds(30));
            broker.checker.runOnce();
        }
        assertThat(broker.checks).isEmpty();
        assertThat(broker.read(TopicNames.TRANSACTION_CHECK_MAX_TOPIC, 0)).isEmpty();

        broker.producerOnline = true;
        for (int cycle = 0; cycle < 5; cycle++) {
            broker.clock.advance(Duration.ofSeconds(30));
            broker.checker.runOnce();
        }
        assertThat(broker.checks).extracting(s -> s.check().body())
                .extracting(body -> Stored.of(ByteBuffer.wrap(body)).properties().get("TRANSACTION_CHECK_TIMES"))
                .containsExactly("1", "2", "3");
        List<Stored> parked = broker.read(TopicNames.TRANSACTION_CHECK_MAX_TOPIC, 0);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).body()).isEqualTo("orphan");
        assertThat(parked.get(0).properties()).containsEntry("REAL_TOPIC", "Orders")
                .containsEntry("TRANSACTION_CHECK_TIMES", "3");
        assertThat(broker.read(TopicNames.TRANSACTION_OP_TOPIC, 0)).hasSize(1);

        broker.end(sent, MessageSysFlag.TRANSACTION_COMMIT);
        assertThat(broker.read("Orders", 0)).isEmpty();
    }

    @Test
    void openHalvesAndTheirCheckCountsSurviveARestartWhileResolvedOnesStayResolved() {
        open(2);
        RemotingCommand committed = broker.sendHalf("Orders", "done", Map.of());
        broker.sendHalf("Orders", "open", Map.of());
        broker.end(committed, MessageSysFlag.TRANSACTION_COMMIT);
        broker.clock.advance(Duration.ofSeconds(10));
        broker.checker.runOnce();
        assertThat(broker.checks).extracting(s -> s.check().ext("transactionId")).containsExactly("UNIQopen");

        broker.restart();
        broker.clock.advance(Duration.ofSeconds(30));
        broker.checker.runOnce();
        assertThat(broker.checks).extracting(s -> s.check().ext("transactionId"))
                .containsExactly("UNIQopen", "UNIQopen");
        broker.clock.advance(Duration.ofSeconds(30));
        broker.checker.runOnce();
        assertThat(broker.checks).hasSize(2);
        assertThat(broker.read(TopicNames.TRANSACTION_CHECK_MAX_TOPIC, 0)).extracting(Stored::body).containsExactly("open");
        assertThat(broker.read("Orders", 0)).extracting(Stored::body).containsExactly("done");
    }

    @Test
    void aHalfPendingAtRestartCanStillBeCommittedByTheCheckAnswer() {
        open(15);
        broker.sendHalf("Orders", "later", Map.of());
        broker.restart();

        broker.clock.advance(Duration.ofSeconds(6));
        broker.checker.runOnce();
        assertThat(broker.checks).hasSize(1);
        broker.answer(broker.checks.get(0).check(), MessageSysFlag.TRANSACTION_COMMIT);

        assertThat(broker.read("Orders", 0)).extracting(Stored::body).containsExactly("later");
        broker.restart();
        broker.clock.advance(Duration.ofMinutes(1));
        broker.checker.runOnce();
        assertThat(broker.checks).hasSize(1);
        assertThat(broker.read("Orders", 0)).hasSize(1);
    }
}
