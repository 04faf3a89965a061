package dev.mq.server.broker.pull;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.PullMessageResponseHeader;
import dev.mq.server.broker.pull.PullFixture.Pulled;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.mq.server.broker.pull.PullFixture.GROUP;
import static dev.mq.server.broker.pull.PullFixture.TOPIC;
import static dev.mq.server.broker.pull.PullFixture.bodies;
import static dev.mq.server.broker.pull.PullFixture.header;
import static dev.mq.server.broker.pull.PullFixture.pull;
import static dev.mq.server.broker.pull.PullFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** PULL_MESSAGE answers that need no waiting, through {@link Pulls#processor()} on a real store. */
@Timeout(60)
class PullProcessorTest {

    @TempDir
    Path dir;

    private PullFixture broker;

    @BeforeEach
    void open() {
        broker = new PullFixture(dir);
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static void assertHeader(RemotingCommand response, long next, long min, long max) {
        assertThat(header(response)).as("header of %s", response)
                .isEqualTo(PullMessageResponseHeader.of(0, next, min, max));
    }

    @Test
    void foundMessagesAreAnsweredWithTheStoredRecordsBackToBackAndTheNextOffset() {
        broker.subscribe(TOPIC, "*");
        broker.append(0, "other-queue", "TagA");
        for (int i = 0; i < 3; i++) {
            broker.append(1, "m" + i, "TagA");
        }

        RemotingCommand all = broker.answerNow(pull(TOPIC, 1, 0));
        RemotingCommand rest = broker.answerNow(pull(TOPIC, 1, 1));

        assertThat(all.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(all)).extracting(Pulled::topic, Pulled::queueId, Pulled::queueOffset, Pulled::body)
                .containsExactly(tuple(TOPIC, 1, 0L, "m0"),
                        tuple(TOPIC, 1, 1L, "m1"),
                        tuple(TOPIC, 1, 2L, "m2"));
        assertThat(all.body()).hasSize(records(all).stream().mapToInt(Pulled::size).sum());
        assertHeader(all, 3, 0, 3);
        assertThat(rest.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(rest)).containsExactly("m1", "m2");
        assertHeader(rest, 3, 0, 3);
    }

    @Test
    void theFirstPullOfANewGroupCreatesItOnTheSlowPathAndLaterPullsOfRecentRecordsRunWhereTheyAreProcessed() {
        broker.subscribe(TOPIC, "*");
        broker.append(0, "m0", "TagA");
        broker.append(0, "m1", "TagA");
        assertThat(broker.broker.groups().get(GROUP)).as("no group before its first pull").isNull();

        assertThat(bodies(broker.answerNow(pull(TOPIC, 0, 0).maxMessages(1)))).containsExactly("m0");
        assertThat(broker.slowPathRuns).as("the pull that created the group (a file write)").hasValue(1);
        assertThat(broker.broker.groups().get(GROUP)).isNotNull();

        assertThat(bodies(broker.answerNow(pull(TOPIC, 0, 1).commit(1)))).containsExactly("m1");
        assertThat(broker.slowPathRuns).as("a pull of records the page cache holds").hasValue(1);
        assertThat(broker.broker.offsets().query(GROUP, TOPIC, 0)).as("committed inline too").isEqualTo(1);
    }

    @Test
    void aPullFromAnOlderConsumeQueueFileThanTheNewestRunsOnTheSlowPath() {
        broker.subscribe(TOPIC, "*");
        broker.answerNow(pull(TOPIC, 0, 0)); // creates the group
        int perFile = 50; // the test store's consume-queue entries per file
        for (int i = 0; i <= perFile; i++) {
            broker.append(0, "m" + i, "TagA");
        }
        int before = broker.slowPathRuns.get();

        assertThat(bodies(broker.answerNow(pull(TOPIC, 0, perFile - 1).maxMessages(1)))).containsExactly("m" + (perFile - 1));
        assertThat(broker.slowPathRuns).as("its entries may be on disk only").hasValue(before + 1);
        assertThat(bodies(broker.answerNow(pull(TOPIC, 0, perFile).maxMessages(1)))).containsExactly("m" + perFile);
        assertThat(broker.slowPathRuns).as("the newest file's entries").hasValue(before + 1);
    }

    @Test
    void aPullTheSlowPathRefusesIsAnsweredSystemBusy() {
        broker.subscribe(TOPIC, "*");
        broker.append(0, "m0", "TagA");
        broker.slowPathRejects = true;

        RemotingCommand refused = broker.answerNow(pull(TOPIC, 0, 0));

        assertThat(refused.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
        assertThat(refused.remark()).contains("rejected");
    }

    @Test
    void aPullReturnsAtMostMaxMsgNumsMessages() {
        broker.subscribe(TOPIC, "*");
        for (int i = 0; i < 5; i++) {
            broker.append(0, "m" + i, null);
        }

        RemotingCommand two = broker.answerNow(pull(TOPIC, 0, 1).maxMessages(2));

        assertThat(bodies(two)).containsExactly("m1", "m2");
        assertHeader(two, 3, 0, 5);
    }

    @Test
    void aPullStopsBeforeTheMessageThatWouldPassMaxMsgBytesButAlwaysReturnsItsFirst() {
        broker.subscribe(TOPIC, "*");
        for (int i = 0; i < 4; i++) {
            broker.append(0, "m" + i + "-" + "x".repeat(500), null);
        }
        int size = records(broker.answerNow(pull(TOPIC, 0, 0).maxMessages(1))).get(0).size();

        RemotingCommand twoAndAHalf = broker.answerNow(pull(TOPIC, 0, 0).maxBytes(size * 5 / 2));
        RemotingCommand exactlyTwo = broker.answerNow(pull(TOPIC, 0, 0).maxBytes(size * 2));
        RemotingCommand oneByte = broker.answerNow(pull(TOPIC, 0, 2).maxBytes(1));

        assertThat(records(twoAndAHalf)).extracting(Pulled::queueOffset).containsExactly(0L, 1L);
        assertHeader(twoAndAHalf, 2, 0, 4);
        assertThat(records(exactlyTwo)).extracting(Pulled::queueOffset).containsExactly(0L, 1L);
        assertThat(oneByte.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(oneByte)).extracting(Pulled::queueOffset).containsExactly(2L);
        assertHeader(oneByte, 3, 0, 4);
    }

    @Test
    void maxMsgBytesIsCappedAt256KiBWhateverThePullAsks() {
        broker.subscribe(TOPIC, "*");
        int count = 80;
        for (int i = 0; i < count; i++) {
            broker.append(0, String.format("%03d", i) + "y".repeat(3900), null);
        }
        int size = records(broker.answerNow(pull(TOPIC, 0, 0).maxMessages(1))).get(0).size();
        int fitting = PullProcessor.MAX_PULL_BYTES / size;
        assertThat(fitting).as("the queue holds more than one pull may return").isLessThan(count);

        RemotingCommand huge = broker.answerNow(pull(TOPIC, 0, 0).maxMessages(count).maxBytes(Integer.MAX_VALUE));
        RemotingCommand unset = broker.answerNow(pull(TOPIC, 0, 0).maxMessages(count));

        assertThat(records(huge)).hasSize(fitting);
        assertThat(huge.body().length).isLessThanOrEqualTo(256 * 1024);
        assertHeader(huge, fitting, 0, count);
        assertThat(records(unset)).as("no maxMsgBytes: the same default").hasSize(fitting);
    }

    @Test
    void theHeartbeatsSubscriptionFiltersByTag() {
        broker.subscribe(TOPIC, "TagA || TagB");
        broker.append(0, "a1", "TagA");
        broker.append(0, "c1", "TagC");
        broker.append(0, "b1", "TagB");
        broker.append(0, "untagged", null);
        broker.append(0, "a2", "TagA");
        broker.append(1, "c2", "TagC");
        broker.append(1, "c3", "TagC");

        RemotingCommand matching = broker.answerNow(pull(TOPIC, 0, 0));
        RemotingCommand noneMatching = broker.answerNow(pull(TOPIC, 1, 0));

        assertThat(matching.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(matching)).extracting(Pulled::body, Pulled::queueOffset)
                .containsExactly(tuple("a1", 0L),
                        tuple("b1", 2L),
                        tuple("a2", 4L));
        assertHeader(matching, 5, 0, 5);
        assertThat(noneMatching.code()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        assertThat(noneMatching.body()).isNull();
        assertHeader(noneMatching, 2, 0, 2);
    }

    @Test
    void theSubscriptionFlagsExpressionWinsOverTheHeartbeats() {
        broker.subscribe(TOPIC, "TagA");
        broker.append(0, "a", "TagA");
        broker.append(0, "b", "TagB");

        RemotingCommand byHeader = broker.answerNow(pull(TOPIC, 0, 0).subscription("TagB", "TAG"));
        RemotingCommand untyped = broker.answerNow(pull(TOPIC, 0, 0).subscription("TagB", null));
        RemotingCommand everything = broker.answerNow(pull(TOPIC, 0, 0).subscription("*", "TAG"));

        assertThat(bodies(byHeader)).containsExactly("b");
        assertThat(bodies(untyped)).containsExactly("b");
        assertThat(bodies(everything)).containsExactly("a", "b");
    }

    @Test
    void withoutASubscriptionFromAHeartbeatOrThePullTheAnswerIsSubscriptionNotExist() {
        broker.append(0, "a", "TagA");
        RemotingCommand noHeartbeat = broker.answerNow(pull(TOPIC, 0, 0));
        broker.subscribe("OtherTopic", "*");
        RemotingCommand otherTopicOnly = broker.answerNow(pull(TOPIC, 0, 0));

        assertThat(noHeartbeat.code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_EXIST);
        assertThat(noHeartbeat.remark()).contains(GROUP, TOPIC);
        assertThat(noHeartbeat.body()).isNull();
        assertThat(otherTopicOnly.code()).isEqualTo(ResponseCode.SUBSCRIPTION_NOT_EXIST);
    }

    @Test
    void anExpressionThatIsNotATagExpressionFailsToParse() {
        broker.subscribe(TOPIC, "*");
        broker.append(0, "a", "TagA");

        RemotingCommand sql = broker.answerNow(pull(TOPIC, 0, 0).subscription("a > 1", "SQL92"));

        assertThat(sql.code()).isEqualTo(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        assertThat(sql.remark()).contains("SQL92");
    }

    @Test
    void anUnknownTopicIsTopicNotExist() {
        RemotingCommand unknown = broker.answerNow(pull("NoSuchTopic", 0, 0).subscription("*", "TAG"));

        assertThat(unknown.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(unknown.remark()).contains("NoSuchTopic");
    }

    @Test
    void aTopicWithoutReadPermissionIsNoPermission() {
        broker.broker.topics().put(TopicConfig.of("WriteOnly", 4, Permissions.WRITE));
        broker.append("WriteOnly", 0, "stored anyway", Map.of());

        RemotingCommand refused = broker.answerNow(pull("WriteOnly", 0, 0).subscription("*", "TAG"));

        assertThat(refused.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(refused.body()).isNull();
    }

    @Test
    void aQueueIdOutsideTheReadQueuesIsInvalid() {
        broker.broker.topics().put(TopicConfig.of("Narrow", 4, Permissions.READ_WRITE).withQueues(2, 4));
        broker.append("Narrow", 1, "readable", Map.of());
        broker.append("Narrow", 2, "write-only queue", Map.of());

        RemotingCommand lastReadable = broker.answerNow(pull("Narrow", 1, 0).subscription("*", "TAG"));
        RemotingCommand firstWriteOnly = broker.answerNow(pull("Narrow", 2, 0).subscription("*", "TAG"));
        RemotingCommand negative = broker.answerNow(pull("Narrow", -1, 0).subscription("*", "TAG"));

        assertThat(bodies(lastReadable)).containsExactly("readable");
        assertThat(firstWriteOnly.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(firstWriteOnly.remark()).contains("queueId[2]");
        assertThat(negative.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    }

    @Test
    void anOffsetPastTheEndIsMovedBackToTheEndAndTheEndItselfIsNotFound() {
        broker.subscribe(TOPIC, "*");
        for (int i = 0; i < 3; i++) {
            broker.append(0, "m" + i, null);
        }

        RemotingCommand beyond = broker.answerNow(pull(TOPIC, 0, 10));
        RemotingCommand atTheEnd = broker.answerNow(pull(TOPIC, 0, 3));

        assertThat(beyond.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertHeader(beyond, 3, 0, 3);
        assertThat(atTheEnd.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertHeader(atTheEnd, 3, 0, 3);
        assertThat(atTheEnd.body()).isNull();
    }

    @Test
    void anEmptyQueueIsNotFoundAtZeroAndMovedToZeroFromAnyOtherOffset() {
        broker.subscribe(TOPIC, "*");

        RemotingCommand atZero = broker.answerNow(pull(TOPIC, 2, 0));
        RemotingCommand elsewhere = broker.answerNow(pull(TOPIC, 2, 7));

        assertThat(atZero.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertHeader(atZero, 0, 0, 0);
        assertThat(elsewhere.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertHeader(elsewhere, 0, 0, 0);
    }

    @Test
    void anOffsetBelowTheQueuesMinimumIsMovedUpToTheMinimum() {
        broker.subscribe(TOPIC, "*");
        int count = 200; // about two and a half 256 KiB commit-log segments
        for (int i = 0; i < count; i++) {
            broker.append(0, i + ":" + "z".repeat(3000), null);
        }
        var store = broker.test.store;
        int segmentSize = store.config().commitLogSegmentSize();
        long activeSegmentStart = store.commitLogMaxOffset() / segmentSize * segmentSize;
        assertThat(activeSegmentStart).as("two full segments behind the active one").isEqualTo(2L * segmentSize);
        // retention deletes only what is flushed
        await().atMost(Duration.ofSeconds(10)).until(() -> store.flushedOffset() >= activeSegmentStart);
        broker.test.clock.advance(Duration.ofHours(88)); // Friday 04:00 UTC: past the 72 h, at the delete hour
        store.runRetention(); // (or the store's own retention pass got there first)
        long min = store.minOffset(TOPIC, 0);
        assertThat(min).isBetween(1L, count - 1L);

        RemotingCommand fromZero = broker.answerNow(pull(TOPIC, 0, 0));
        RemotingCommand justBelow = broker.answerNow(pull(TOPIC, 0, min - 1));
        RemotingCommand atMin = broker.answerNow(pull(TOPIC, 0, min).maxMessages(1));

        assertThat(fromZero.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertHeader(fromZero, min, min, count);
        assertThat(justBelow.code()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        assertHeader(justBelow, min, min, count);
        assertThat(atMin.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(records(atMin).get(0).body()).startsWith(min + ":");
    }

    @Test
    void theCommitOffsetFlagCommitsTheCarriedOffsetForTheGroup() {
        broker.subscribe(TOPIC, "*");
        for (int i = 0; i < 4; i++) {
            broker.append(0, "m" + i, null);
        }

        broker.answerNow(pull(TOPIC, 1, 0).carry(2));
        assertThat(broker.broker.offsets().query(GROUP, TOPIC, 1)).as("carried without the flag").isEqualTo(-1);
        RemotingCommand committing = broker.answerNow(pull(TOPIC, 0, 3).commit(2));

        assertThat(broker.broker.offsets().query(GROUP, TOPIC, 0)).isEqualTo(2);
        assertThat(broker.broker.offsets().queryAll(GROUP, TOPIC)).isEqualTo(Map.of(0, 2L));
        assertThat(bodies(committing)).as("and the pull is served as usual").isEqualTo(List.of("m3"));
    }
}
