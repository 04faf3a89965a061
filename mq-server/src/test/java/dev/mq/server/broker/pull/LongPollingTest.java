package dev.mq.server.broker.pull;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.PullMessageResponseHeader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.mq.server.broker.pull.PullFixture.GROUP;
import static dev.mq.server.broker.pull.PullFixture.TOPIC;
import static dev.mq.server.broker.pull.PullFixture.bodies;
import static dev.mq.server.broker.pull.PullFixture.header;
import static dev.mq.server.broker.pull.PullFixture.pull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long polling: pulls with SUSPEND that find nothing are held until their queue grows, their
 * suspend time runs out or the broker closes. Through {@link Pulls} as the broker wires it, and
 * {@link LongPolling} directly for the race between a read and the park.
 */
@Timeout(60)
class LongPollingTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final long LONG_SUSPEND = 15_000;

    @TempDir
    Path dir;

    private PullFixture broker;

    private PullFixture open(Clock brokerClock) {
        broker = new PullFixture(dir, brokerClock);
        broker.subscribe(TOPIC, "*");
        return broker;
    }

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private static RemotingCommand answered(CompletableFuture<RemotingCommand> held) {
        await().atMost(PROMPTLY).until(held::isDone);
        return held.join();
    }

    private static void assertNotFoundAt(RemotingCommand response, long offset) {
        assertThat(response.code()).as("%s", response).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(header(response).nextBeginOffset()).isEqualTo(offset);
        assertThat(response.body()).isNull();
    }

    @Test
    void aPullAtTheEndOfItsQueueIsHeldUntilAMessageArrivesThereAndAnsweredWithIt() {
        open(null); // the broker's clock is the store's movable one, never moved here: no timeout can answer
        broker.append(0, "old-0", null);
        broker.append(0, "old-1", null);

        CompletableFuture<RemotingCommand> held = broker.send(pull(TOPIC, 0, 2).suspend(LONG_SUSPEND));
        assertThat(held).as("held while there is nothing new").isNotDone();
        broker.append(0, "new", "TagN");
        RemotingCommand response = answered(held);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(response)).containsExactly("new");
        assertThat(header(response)).isEqualTo(PullMessageResponseHeader.of(0, 3, 0, 3));
    }

    @Test
    void aHeldPullKeepsWaitingWhileOtherQueuesGrow() {
        open(null);
        CompletableFuture<RemotingCommand> held = broker.send(pull(TOPIC, 0, 0).suspend(LONG_SUSPEND));
        CompletableFuture<RemotingCommand> witness = broker.send(pull(TOPIC, 1, 0).suspend(LONG_SUSPEND));
        assertThat(List.of(held, witness)).noneMatch(CompletableFuture::isDone);

        broker.append(1, "for queue 1", null);
        broker.append("OtherTopic", 0, "for another topic", Map.of());
        assertThat(bodies(answered(witness))).containsExactly("for queue 1");
        await().atMost(PROMPTLY).until(() -> broker.arrivalsSeen.contains("OtherTopic/0"));
        assertThat(held).as("queue 0 did not grow").isNotDone();

        broker.append(0, "for queue 0", null);
        RemotingCommand response = answered(held);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(bodies(response)).containsExactly("for queue 0");
    }

    @Test
    void aHeldPullIsAnsweredNotFoundWhenItsSuspendTimeRunsOut() {
        open(Clock.systemUTC());
        broker.append(0, "seen", null);
        long start = System.nanoTime();

        CompletableFuture<RemotingCommand> held = broker.send(pull(TOPIC, 0, 1).suspend(200));
        assertThat(held).isNotDone();
        RemotingCommand response = answered(held);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertNotFoundAt(response, 1);
        // the deadline is in whole milliseconds of the broker's clock: allow for the tick it was taken in
        assertThat(waitedMillis).as("held for its suspend time").isGreaterThanOrEqualTo(199);
    }

    @Test
    void theDeadlineFollowsTheBrokersClockAndASuspendTimeIsCappedAt20Seconds() {
        open(null); // the store's movable clock is the broker's: only the test moves it
        CompletableFuture<RemotingCommand> asksAMinute = broker.send(pull(TOPIC, 0, 0).suspend(60_000));
        // parked after it in the same queue, so the timeout scan looks at both in one pass, that one first
        CompletableFuture<RemotingCommand> justBelowTheCap = broker.send(pull(TOPIC, 0, 0).suspend(19_999));
        assertThat(List.of(asksAMinute, justBelowTheCap)).noneMatch(CompletableFuture::isDone);

        broker.test.clock.advance(Duration.ofMillis(19_999));
        assertNotFoundAt(answered(justBelowTheCap), 0);
        // the pass that timed out justBelowTheCap saw asksAMinute first, with the same time,
        // and would have answered it first (one answering thread, in order)
        assertThat(asksAMinute).as("held up to 20 s").isNotDone();
        broker.test.clock.advance(Duration.ofMillis(1));

        assertNotFoundAt(answered(asksAMinute), 0);
        assertThat(PullProcessor.MAX_SUSPEND_MILLIS).isEqualTo(20_000);
    }

    @Test
    void closingAnswersEveryHeldPullAtOnce() {
        open(null);
        broker.append(2, "already read", null);
        List<CompletableFuture<RemotingCommand>> held = List.of(
                broker.send(pull(TOPIC, 0, 0).suspend(LONG_SUSPEND)),
                broker.send(pull(TOPIC, 1, 0).suspend(LONG_SUSPEND)),
                broker.send(pull(TOPIC, 2, 1).suspend(LONG_SUSPEND)));
        assertThat(held).noneMatch(CompletableFuture::isDone);

        broker.pulls.close();

        assertThat(held).as("answered when close returns").allMatch(CompletableFuture::isDone);
        assertNotFoundAt(held.get(0).join(), 0);
        assertNotFoundAt(held.get(1).join(), 0);
        assertNotFoundAt(held.get(2).join(), 1);
    }

    @Test
    void aPullArrivingAfterCloseIsAnsweredWithoutWaiting() {
        open(null);
        broker.append(0, "m0", null);
        broker.pulls.close();

        RemotingCommand caughtUp = broker.answerNow(pull(TOPIC, 0, 1).suspend(LONG_SUSPEND));
        RemotingCommand behind = broker.answerNow(pull(TOPIC, 0, 0).suspend(LONG_SUSPEND));

        assertNotFoundAt(caughtUp, 1);
        assertThat(bodies(behind)).containsExactly("m0");
    }

    @Test
    void aMessageArrivingBetweenTheReadAndTheParkStillWakesThePull() {
        open(null);
        var store = broker.test.store;
        PullReader reader = new PullReader(store);
        List<String> told = new CopyOnWriteArrayList<>();
        LongPolling polling = new LongPolling(store, reader, broker.test.clock); // not started: no timeout scan
        store.addDispatchListener(polling);
        store.addDispatchListener((topic, queueId, max) -> told.add(topic + "/" + queueId + "@" + max));
        try {
            PullRequest pull = new PullRequest(pull(TOPIC, 3, 0).suspend(LONG_SUSPEND).request(), GROUP, TOPIC, 3,
                    0, 32, PullProcessor.MAX_PULL_BYTES, PullMessageHeader.FLAG_SUSPEND, 0, LONG_SUSPEND, null);
            assertNotFoundAt(reader.read(pull), 0);

            // the message lands after that read, and long polling hears of it with nothing parked yet
            broker.append(3, "in between", null);
            await().atMost(PROMPTLY).until(() -> told.contains(TOPIC + "/3@1"));
            CompletableFuture<RemotingCommand> parked = polling.park(pull);

            RemotingCommand response = answered(parked);
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(bodies(response)).containsExactly("in between");
        } finally {
            store.removeDispatchListener(polling);
            polling.close();
        }
    }
}
