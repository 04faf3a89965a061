package dev.mq.server.broker.pull;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.HeartbeatData.ConsumerData;
import dev.mq.protocol.body.HeartbeatData.SubscriptionData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.PullMessageResponseHeader;
import dev.mq.server.broker.TestStore;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.server.broker.state.QueueLocks;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's pull handling on a real store in a temp directory with real state tables: the
 * {@link Pulls} under test registered as the store's dispatch listener and started, as the broker
 * wires it. Topic {@link #TOPIC} has 4 queues; consumer group {@link #GROUP} has no subscription
 * until a test {@link #subscribe}s it.
 */
final class PullFixture implements AutoCloseable {

    static final String GROUP = "pull-group";
    static final String TOPIC = "Orders";
    static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    final TestStore test;
    final BrokerContext broker;
    final Pulls pulls;
    /** Queues the store reported grown ({@code topic/queueId}), told after {@link #pulls} heard of them. */
    final List<String> arrivalsSeen = new CopyOnWriteArrayList<>();
    /** Pulls the processor handed to its slow path, which runs them on the calling thread (or refuses them). */
    final AtomicInteger slowPathRuns = new AtomicInteger();
    /** When set, the slow path refuses work as a closed or saturated pool does. */
    volatile boolean slowPathRejects;
    private final Connection consumer = new StubConnection();

    /** With the store's movable clock as the broker's clock too (long-polling deadlines move with it). */
    PullFixture(Path dir) {
        this(dir, null);
    }

    /** With {@code brokerClock} for the broker (long-polling deadlines), or the store's movable clock when null. */
    PullFixture(Path dir, Clock brokerClock) {
        test = new TestStore(dir);
        Clock clock = brokerClock != null ? brokerClock : test.clock;
        Path configDir = dir.resolve("config");
        broker = new BrokerContext("broker-a", "DefaultCluster", STORE_HOST, true, test.store,
                new TopicTable(configDir, clock, true, 8), new ConsumerOffsets(configDir),
                new SubscriptionGroups(configDir), new ClientRegistry(), new QueueLocks(60_000), clock, () -> { });
        broker.topics().put(TopicConfig.of(TOPIC, 4, Permissions.READ_WRITE));
        pulls = new Pulls(broker, task -> {
            if (slowPathRejects) {
                throw new RejectedExecutionException("the test's slow path refuses work");
            }
            slowPathRuns.incrementAndGet();
            task.run();
        });
        test.store.addDispatchListener(pulls.arrivals());
        // registered after the pulls' listener and called in order: once a queue shows up here,
        // long polling has been told about it
        test.store.addDispatchListener((topic, queueId, max) -> arrivalsSeen.add(topic + "/" + queueId));
        pulls.start();
    }

    /** Stores a message in {@link #TOPIC} and waits until it is in its queue; returns its queue offset. */
    long append(int queueId, String body, String tag) {
        Map<String, String> properties = new HashMap<>();
        if (tag != null) {
            properties.put(PropertyNames.TAGS, tag);
        }
        return append(TOPIC, queueId, body, properties);
    }

    long append(String topic, int queueId, String body, Map<String, String> properties) {
        long before = test.store.maxOffset(topic, queueId);
        test.append(AppendMessage.of(topic, queueId, body.getBytes(StandardCharsets.UTF_8),
                MessageProperties.format(properties), test.clock.millis()));
        assertThat(test.store.maxOffset(topic, queueId)).as("queue %s/%d grew by one", topic, queueId)
                .isEqualTo(before + 1);
        return before;
    }

    /** A heartbeat of a consumer of {@link #GROUP} subscribing to {@code topic} with a tag expression. */
    void subscribe(String topic, String expression) {
        SubscriptionData subscription = new SubscriptionData(topic, expression, Set.of(), Set.of(), 1L, "TAG", false);
        ConsumerData consumerData = new ConsumerData(GROUP, "CONSUME_PASSIVELY", "CLUSTERING",
                "CONSUME_FROM_LAST_OFFSET", List.of(subscription), false);
        broker.clients().heartbeat(consumer, new HeartbeatData("client-1", Set.of(), Set.of(consumerData)),
                "JAVA", RemotingCommand.CURRENT_VERSION, test.clock.millis());
    }

    /** Hands a pull to the processor as the transport does; returns the (maybe pending) answer. */
    CompletableFuture<RemotingCommand> send(Pull pull) {
        try {
            return pulls.processor().process(consumer, pull.request());
        } catch (Exception e) {
            throw new AssertionError("the pull processor threw instead of answering", e);
        }
    }

    /** Hands over a pull that must be answered without waiting, and returns the answer. */
    RemotingCommand answerNow(Pull pull) {
        CompletableFuture<RemotingCommand> answer = send(pull);
        assertThat(answer).as("answered at once").isDone();
        return answer.join();
    }

    @Override
    public void close() {
        pulls.close();
        test.close();
    }

    /** A PULL_MESSAGE from {@link #GROUP}, built like a client's; sysFlag 0 (no waiting) unless set. */
    static Pull pull(String topic, int queueId, long offset) {
        return new Pull(topic, queueId, offset);
    }

    static final class Pull {
        private final String topic;
        private final int queueId;
        private final long offset;
        private int maxMessages = 32;
        private Integer maxBytes;
        private int sysFlag;
        private Long commitOffset = 0L;
        private Long suspendMillis = 0L;
        private String subscription;
        private String expressionType;

        private Pull(String topic, int queueId, long offset) {
            this.topic = topic;
            this.queueId = queueId;
            this.offset = offset;
        }

        Pull maxMessages(int value) {
            maxMessages = value;
            return this;
        }

        Pull maxBytes(int value) {
            maxBytes = value;
            return this;
        }

        /** Sets SUSPEND: the broker may hold the pull for {@code millis}. */
        Pull suspend(long millis) {
            sysFlag |= PullMessageHeader.FLAG_SUSPEND;
            suspendMillis = millis;
            return this;
        }

        /** Sets COMMIT_OFFSET with the consumed offset the client carries. */
        Pull commit(long consumed) {
            sysFlag |= PullMessageHeader.FLAG_COMMIT_OFFSET;
            commitOffset = consumed;
            return this;
        }

        /** Carries a consumed offset without the COMMIT_OFFSET flag (as a client pulling from a slave). */
        Pull carry(long consumed) {
            commitOffset = consumed;
            return this;
        }

        /** Sets SUBSCRIPTION with the expression and its type (null: absent, as TAG). */
        Pull subscription(String expression, String type) {
            sysFlag |= PullMessageHeader.FLAG_SUBSCRIPTION;
            subscription = expression;
            expressionType = type;
            return this;
        }

        RemotingCommand request() {
            RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE);
            new PullMessageHeader(GROUP, topic, queueId, offset, maxMessages, sysFlag, commitOffset, suspendMillis,
                    maxBytes, subscription, expressionType, 0L, "broker-a").writeTo(request);
            return request;
        }
    }

    /** The header of a pull answer (SUCCESS, 19, 20, 21). */
    static PullMessageResponseHeader header(RemotingCommand response) {
        return PullMessageResponseHeader.read(response);
    }

    /** A record of a pull answer's body, with the fields the tests look at. */
    record Pulled(String topic, int queueId, long queueOffset, int size, String body, String tag) {
    }

    /** The records of a SUCCESS answer's body, which holds them back to back. */
    static List<Pulled> records(RemotingCommand response) {
        byte[] body = response.body();
        assertThat(body).as("body of %s", response).isNotNull();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        List<Pulled> records = new ArrayList<>();
        RecordView view = new RecordView();
        int at = 0;
        while (at < body.length) {
            view.wrap(buffer, at);
            assertThat(view.totalSize()).as("record size at %d", at).isPositive().isLessThanOrEqualTo(body.length - at);
            records.add(new Pulled(view.topic(), view.queueId(), view.queueOffset(), view.totalSize(),
                    new String(view.body(), StandardCharsets.UTF_8),
                    MessageProperties.get(view.properties(), PropertyNames.TAGS)));
            at += view.totalSize();
        }
        return records;
    }

    static List<String> bodies(RemotingCommand response) {
        return records(response).stream().map(Pulled::body).toList();
    }

    /** A consumer's connection as the client registry keys it; never called back here. */
    private static final class StubConnection implements Connection {
        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
            throw new UnsupportedOperationException("the pull tests never call a consumer back");
        }

        @Override
        public void invokeOneway(RemotingCommand request) {
            throw new UnsupportedOperationException("the pull tests never call a consumer back");
        }

        @Override
        public void close() {
        }
    }
}
