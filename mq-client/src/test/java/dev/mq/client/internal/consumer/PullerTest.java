package dev.mq.client.internal.consumer;

import dev.mq.client.Message;
import dev.mq.client.MessageQueue;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.TestAccess;
import dev.mq.client.internal.ClientCore;
import dev.mq.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The puller against our real server, driven through the paths that could leave an assigned queue
 * with no pull scheduled and none under way: a pull task or an answer's handling that fails
 * unexpectedly, a park whose wake-up is lost, and a pull whose answer is overdue. Each time the
 * queue must go on being pulled, and every message must be handed over exactly once.
 */
@Timeout(60)
class PullerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration ERROR_DELAY = Duration.ofMillis(100);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static EmbeddedServer server;
    private static MqClient client;
    private static Producer producer;

    private final ScheduledThreadPoolExecutor pullThread = new ScheduledThreadPoolExecutor(1);
    private final TestClock clock = new TestClock();
    private Puller puller;

    @BeforeAll
    static void start() {
        server = EmbeddedServer.builder()
                .property("mq.store.segment-size", "16MB")
                .property("mq.store.index-hash-slots", "20000")
                .property("mq.store.index-entries-per-file", "80000")
                .property("mq.store.consume-queue-entries-per-file", "20000")
                .start();
        client = MqClient.builder().namesrv(server.namesrvAddress()).build();
        producer = client.producer("puller_test_producer").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void closePuller() {
        if (puller != null) {
            puller.close();
        }
        pullThread.shutdownNow();
    }

    /** A clock the test moves by hand, for the watchdog's ages. */
    private static final class TestClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_000_000);

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    /** Records what was pulled; {@code gate} and {@code pulled} may be told to fail or hold the queue. */
    private static class RecordingSink implements Puller.Sink {
        final List<Long> offsets = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Puller.Gate gate(ProcessQueue queue) {
            return Puller.Gate.OPEN;
        }

        @Override
        public void pulled(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
            for (ReceivedMessage message : batch.messages) {
                offsets.add(message.queueOffset());
            }
            queue.complete(batch, 0, batch.messages.length);
        }

        @Override
        public void offsetMoved(ProcessQueue queue, long nextOffset) {
            throw new AssertionError("no offset moves in these tests: " + queue + " -> " + nextOffset);
        }

        List<Long> offsets() {
            synchronized (offsets) {
                return List.copyOf(offsets);
            }
        }
    }

    /** A topic of one queue holding {@code count} messages, its route known to the client. */
    private static MessageQueue topicWith(int count) throws Exception {
        String topic = "PullerTest" + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100_000;
        server.createTopic(topic, 1);
        send(topic, count);
        TestAccess.core(client).routes().route(topic).get(10, TimeUnit.SECONDS);
        return new MessageQueue(topic, "broker-a", 0);
    }

    private static void send(String topic, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(Message.builder(topic).body("m" + i).build());
        }
    }

    private Puller puller(MessageQueue queue, Puller.Sink sink, Duration longPolling, Duration pullTimeout) {
        ClientCore core = TestAccess.core(client);
        ConsumerRequests requests = new ConsumerRequests(core, "puller_test_" + SEQUENCE.incrementAndGet());
        Subscription subscription = Subscription.of(queue.topic(), "*", 1);
        PullSettings settings = new PullSettings(10, 1000, 100L << 20, longPolling, pullTimeout, ERROR_DELAY, false);
        puller = new Puller(requests, settings, topic -> topic.equals(queue.topic()) ? subscription : null, sink,
                pullThread, clock);
        return puller;
    }

    private static List<Long> range(long count) {
        List<Long> offsets = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            offsets.add(i);
        }
        return offsets;
    }

    @Test
    void aPullTaskThatFailsUnexpectedlyIsLoggedAndTriedAgainInsteadOfEndingThePulls() throws Exception {
        MessageQueue queue = topicWith(35);
        AtomicBoolean failed = new AtomicBoolean();
        RecordingSink sink = new RecordingSink() {
            @Override
            public Puller.Gate gate(ProcessQueue processQueue) {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test: the gate fails once");
                }
                return Puller.Gate.OPEN;
            }
        };
        ProcessQueue processQueue = new ProcessQueue(queue, 0);
        puller(queue, sink, Duration.ofSeconds(2), Duration.ofSeconds(10)).start(processQueue);

        await().atMost(WAIT).until(() -> sink.offsets().size() >= 35);
        assertThat(failed).isTrue();
        assertThat(sink.offsets()).containsExactlyElementsOf(range(35));
    }

    @Test
    void aFailureWhileHandlingAnAnswerDoesNotEndTheQueuesPulls() throws Exception {
        MessageQueue queue = topicWith(35);
        AtomicBoolean failed = new AtomicBoolean();
        RecordingSink sink = new RecordingSink() {
            @Override
            public void pulled(ProcessQueue processQueue, ProcessQueue.CachedBatch batch) {
                super.pulled(processQueue, batch);
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test: handing the first batch over fails after it was taken");
                }
            }
        };
        ProcessQueue processQueue = new ProcessQueue(queue, 0);
        puller(queue, sink, Duration.ofSeconds(2), Duration.ofSeconds(10)).start(processQueue);

        await().atMost(WAIT).until(() -> sink.offsets().size() >= 35);
        assertThat(failed).isTrue();
        assertThat(sink.offsets()).containsExactlyElementsOf(range(35));
        await().atMost(WAIT).until(() -> processQueue.pullState.phase() == PullState.Phase.IN_FLIGHT);
        assertThat(puller.check(processQueue)).as("a queue in long polling is healthy").isFalse();
    }

    @Test
    void theWatchdogPullsAgainAQueueThatMissedItsWakeUp() throws Exception {
        MessageQueue queue = topicWith(25);
        AtomicBoolean held = new AtomicBoolean(true);
        RecordingSink sink = new RecordingSink() {
            @Override
            public Puller.Gate gate(ProcessQueue processQueue) {
                return held.get() ? Puller.Gate.PARK : Puller.Gate.OPEN;
            }
        };
        ProcessQueue processQueue = new ProcessQueue(queue, 0);
        puller(queue, sink, Duration.ofSeconds(2), Duration.ofSeconds(10)).start(processQueue);
        await().atMost(WAIT).until(processQueue::isParked);
        assertThat(puller.check(processQueue)).as("held back for a reason: left alone").isFalse();

        held.set(false); // ... and nobody calls wake: the wake-up is lost
        assertThat(puller.check(processQueue)).as("parks settle within the error delay").isFalse();
        clock.advance(ERROR_DELAY);
        assertThat(puller.check(processQueue)).isTrue();

        await().atMost(WAIT).until(() -> sink.offsets().size() >= 25);
        assertThat(sink.offsets()).containsExactlyElementsOf(range(25));
        assertThat(processQueue.isParked()).isFalse();
    }

    @Test
    void theWatchdogGivesUpOnAnOverdueAnswerAndIgnoresItWhenItArrivesLate() throws Exception {
        MessageQueue queue = topicWith(0);
        RecordingSink sink = new RecordingSink();
        ProcessQueue processQueue = new ProcessQueue(queue, 0);
        Duration pullTimeout = Duration.ofSeconds(30);
        puller(queue, sink, Duration.ofSeconds(20), pullTimeout).start(processQueue);
        await().atMost(WAIT).until(() -> processQueue.pullState.phase() == PullState.Phase.IN_FLIGHT);
        assertThat(puller.check(processQueue)).as("not overdue yet").isFalse();

        clock.advance(pullTimeout.plus(ERROR_DELAY).plusMillis(1));
        assertThat(puller.check(processQueue)).isTrue();
        // the broker now holds two pulls of the queue: the one given up on and the new one; both get the messages
        await().atMost(WAIT).until(() -> processQueue.pullState.phase() == PullState.Phase.IN_FLIGHT);
        send(queue.topic(), 5);
        await().atMost(WAIT).until(() -> sink.offsets().size() >= 5);
        send(queue.topic(), 5);
        await().atMost(WAIT).until(() -> sink.offsets().size() >= 10);

        assertThat(sink.offsets()).containsExactlyElementsOf(range(10));
        assertThat(processQueue.nextOffset()).isEqualTo(10);
    }

    @Test
    void theWatchdogStartsAQueueThatNothingWillPull() throws Exception {
        MessageQueue queue = topicWith(15);
        RecordingSink sink = new RecordingSink();
        ProcessQueue processQueue = new ProcessQueue(queue, 0);
        Puller puller = puller(queue, sink, Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(processQueue.pullState.phase()).isEqualTo(PullState.Phase.IDLE);

        assertThat(puller.check(processQueue)).isTrue();

        await().atMost(WAIT).until(() -> sink.offsets().size() >= 15);
        assertThat(sink.offsets()).containsExactlyElementsOf(range(15));
        processQueue.drop();
        assertThat(puller.check(processQueue)).as("a dropped queue is nobody's").isFalse();
    }
}
