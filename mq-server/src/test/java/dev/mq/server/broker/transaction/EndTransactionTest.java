package dev.mq.server.broker.transaction;

import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.server.broker.send.SendProcessor;
import dev.mq.server.broker.transaction.TransactionFixture.Stored;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Half messages, commit and rollback against a real store (SendProcessor and END_TRANSACTION). */
class EndTransactionTest {

    private static final int COMMIT = MessageSysFlag.TRANSACTION_COMMIT;
    private static final int ROLLBACK = MessageSysFlag.TRANSACTION_ROLLBACK;

    @TempDir
    Path dir;

    private TransactionFixture broker;

    @BeforeEach
    void open() {
        broker = new TransactionFixture(dir, TransactionSettings.defaults());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aHalfIsStoredInTheHalfTopicInvisiblyAndAnsweredLikeANormalSend() {
        RemotingCommand response = broker.sendHalf("Orders", "half-1", Map.of());

        assertThat(response.ext("transactionId")).isEqualTo("UNIQhalf-1");
        assertThat(response.ext("queueId")).isEqualTo("0");
        assertThat(response.ext("queueOffset")).isEqualTo("0");
        assertThat(broker.read("Orders", 0)).isEmpty();
        List<Stored> halves = broker.read(TopicNames.TRANSACTION_HALF_TOPIC, 0);
        assertThat(halves).hasSize(1);
        Stored half = halves.get(0);
        assertThat(MessageIds.commitLogOffset(response.ext("msgId"))).isEqualTo(half.commitLogOffset());
        assertThat(MessageSysFlag.transactionType(half.sysFlag())).isZero();
        assertThat(half.properties()).containsEntry("REAL_TOPIC", "Orders").containsEntry("REAL_QID", "0")
                .containsEntry("PGROUP", TransactionFixture.GROUP).containsEntry("__transactionId__", "UNIQhalf-1")
                .containsEntry("UNIQ_KEY", "UNIQhalf-1");
    }

    @Test
    void aCommitMakesTheMessageVisibleOnceEvenWhenRepeated() {
        RemotingCommand sent = broker.sendHalf("Orders", "paid", Map.of());
        long halfCommitLogOffset = MessageIds.commitLogOffset(sent.ext("msgId"));

        assertThat(broker.end(sent, COMMIT).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.end(sent, COMMIT).remark()).isEqualTo("already resolved");
        assertThat(broker.end(sent.requireExtLong("queueOffset"),
                halfCommitLogOffset, COMMIT, true, TransactionFixture.GROUP).remark()).isEqualTo("already resolved");
        broker.end(sent, ROLLBACK);

        List<Stored> visible = broker.read("Orders", 0);
        assertThat(visible).hasSize(1);
        Stored committed = visible.get(0);
        assertThat(committed.body()).isEqualTo("paid");
        assertThat(MessageSysFlag.transactionType(committed.sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_COMMIT);
        assertThat(committed.preparedTransactionOffset()).isEqualTo(halfCommitLogOffset);
        assertThat(committed.properties()).containsEntry(PropertyNames.UNIQ_KEY, "UNIQpaid")
                .containsEntry(PropertyNames.KEYS, "key-paid").containsEntry(PropertyNames.TAGS, "TagT")
                .doesNotContainKeys("TRAN_MSG", "REAL_TOPIC", "REAL_QID");
        List<Stored> ops = broker.read(TopicNames.TRANSACTION_OP_TOPIC, 0);
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).body()).isEqualTo(sent.ext("queueOffset"));
        assertThat(ops.get(0).properties()).containsEntry(PropertyNames.TAGS, "d");
    }

    @Test
    void aCommittedTimerMessageIsParkedFromTheCommitNotFromTheHalf() {
        RemotingCommand sent = broker.sendHalf("Orders", "later", Map.of("TIMER_DELAY_SEC", "30"));
        assertThat(broker.read(TopicNames.TIMER_TOPIC, 0)).as("the half itself is not parked").isEmpty();
        broker.clock.advance(java.time.Duration.ofSeconds(10));
        long commitTime = broker.clock.millis();

        broker.end(sent, COMMIT);

        assertThat(broker.read("Orders", 0)).as("not visible before its timer is due").isEmpty();
        List<Stored> parked = broker.read(TopicNames.TIMER_TOPIC, 0);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).properties()).containsEntry("REAL_TOPIC", "Orders")
                .containsEntry(PropertyNames.TIMER_OUT_MS, Long.toString(commitTime + 30_000))
                .containsEntry(PropertyNames.UNIQ_KEY, "UNIQlater");
        assertThat(MessageSysFlag.transactionType(parked.get(0).sysFlag())).isEqualTo(MessageSysFlag.TRANSACTION_COMMIT);
    }

    @Test
    void aRolledBackMessageIsNeverVisibleAndNeverChecked() {
        RemotingCommand sent = broker.sendHalf("Orders", "cancelled", Map.of());

        broker.end(sent, ROLLBACK);
        broker.end(sent, COMMIT);
        broker.clock.advance(java.time.Duration.ofMinutes(5));
        broker.checker.runOnce();

        assertThat(broker.read("Orders", 0)).isEmpty();
        assertThat(broker.read(TopicNames.TRANSACTION_OP_TOPIC, 0)).hasSize(1);
        assertThat(broker.checks).isEmpty();
    }

    @Test
    void unknownChangesNothing() {
        RemotingCommand sent = broker.sendHalf("Orders", "maybe", Map.of());

        assertThat(broker.end(sent, 0).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(broker.read("Orders", 0)).isEmpty();
        assertThat(broker.read(TopicNames.TRANSACTION_OP_TOPIC, 0)).isEmpty();
        broker.end(sent, COMMIT);
        assertThat(broker.read("Orders", 0)).hasSize(1);
    }

    @Test
    void anEndTransactionNamingTheWrongGroupOrRecordIsRefused() {
        RemotingCommand sent = broker.sendHalf("Orders", "mine", Map.of());
        long halfOffset = sent.requireExtLong("queueOffset");
        long commitLogOffset = MessageIds.commitLogOffset(sent.ext("msgId"));

        assertThat(broker.end(halfOffset, commitLogOffset, COMMIT, false, "other-group").remark())
                .contains("producer group " + TransactionFixture.GROUP);
        assertThat(broker.end(halfOffset + 1, commitLogOffset, COMMIT, false, TransactionFixture.GROUP).remark())
                .contains("half-queue offset");
        assertThat(broker.end(halfOffset, commitLogOffset + 1, COMMIT, false, TransactionFixture.GROUP).code())
                .isEqualTo(ResponseCode.SYSTEM_ERROR);

        assertThat(broker.read("Orders", 0)).isEmpty();
        broker.end(sent, COMMIT);
        assertThat(broker.read("Orders", 0)).hasSize(1);
    }

    @Test
    void halvesCannotBeDelayedOrBatchedAndSystemTopicsCannotBeSentTo() {
        RemotingCommand delayed = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
        delayed.putExt("a", "g").putExt("b", "Orders").putExt("e", 0).putExt("f", MessageSysFlag.TRANSACTION_PREPARED)
                .putExt("i", MessageProperties.format(Map.of("DELAY", "1")));
        delayed.setBody("x".getBytes(StandardCharsets.UTF_8));
        assertThat(broker.send.process(null, delayed).join().code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);

        for (String topic : List.of(TopicNames.TRANSACTION_HALF_TOPIC, TopicNames.TRANSACTION_OP_TOPIC, TopicNames.TRANSACTION_CHECK_MAX_TOPIC)) {
            assertThat(TopicNames.checkSendable(topic).problem()).contains("system topic");
        }
    }
}
