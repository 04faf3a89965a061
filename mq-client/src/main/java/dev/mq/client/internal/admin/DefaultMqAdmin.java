package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.admin.BrokerStatsSnapshot;
import dev.mq.client.admin.ClusterOverview;
import dev.mq.client.admin.ConsumerGroupListing;
import dev.mq.client.admin.ConsumerRunningInfo;
import dev.mq.client.admin.DeadLetterCursor;
import dev.mq.client.admin.DeadLetterGroups;
import dev.mq.client.admin.DeadLetterPage;
import dev.mq.client.admin.GroupDetail;
import dev.mq.client.admin.MessageSearch;
import dev.mq.client.admin.MessageTrack;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.ResendResult;
import dev.mq.client.admin.ResetResult;
import dev.mq.client.admin.TopicListing;
import dev.mq.client.admin.TopicRouteInfo;
import dev.mq.client.admin.TopicSpec;
import dev.mq.client.admin.TopicStatus;
import dev.mq.client.admin.WriteResult;
import dev.mq.client.internal.ClientCore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The admin API over a {@link ClientCore}. Holds no resources: every call asks the name server and
 * brokers afresh through the client's connections. Operations run as chains of asynchronous calls
 * whose steps are short and never block (they run on network threads); synchronous methods wait
 * for the chain, asynchronous ones hand its outcome to a callback thread. Thread-safe.
 */
public final class DefaultMqAdmin implements MqAdmin {

    private final AdminContext context;
    private final ClusterOps clusters;
    private final TopicOps topics;
    private final GroupOps groups;
    private final OffsetOps offsets;
    private final DeadLetterOps deadLetters;
    private final MessageOps messages;

    private DefaultMqAdmin(ClientCore core, Duration timeout) {
        this.context = new AdminContext(core, new Calls(core.invoker(), core.settings().namesrvAddresses(), timeout),
                Clock.systemUTC());
        this.clusters = new ClusterOps(context);
        this.topics = new TopicOps(context);
        this.groups = new GroupOps(context);
        this.offsets = new OffsetOps(context);
        this.deadLetters = new DeadLetterOps(context);
        this.messages = new MessageOps(context);
    }

    /** The admin API of a client, with the client's request timeout per broker request. */
    public static MqAdmin of(ClientCore core) {
        return new DefaultMqAdmin(core, core.settings().requestTimeout());
    }

    @Override
    public MqAdmin withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new MqClientException("the admin timeout must be positive but was " + timeout);
        }
        return new DefaultMqAdmin(context.core(), timeout);
    }

    /** Runs an operation and waits for it; failures are thrown as the client's exceptions. */
    private <T> T sync(Supplier<CompletableFuture<T>> operation) {
        context.ensureOpen();
        CompletableFuture<T> running;
        try {
            running = operation.get();
        } catch (RuntimeException e) {
            throw CallFailed.toPublic(e);
        }
        try {
            return running.get();
        } catch (ExecutionException e) {
            throw CallFailed.toPublic(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(false);
            throw new MqClientException("interrupted while waiting for an admin call", e);
        }
    }

    /** Runs an operation; its future completes on a callback thread with the client's exceptions. */
    private <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> running;
        try {
            context.ensureOpen();
            running = operation.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((value, error) -> context.core().runCallback(() -> {
            if (error != null) {
                result.completeExceptionally(CallFailed.toPublic(error));
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new MqClientException(what + " is required");
        }
        return value;
    }

    // ---- clusters ----

    @Override
    public ClusterOverview clusterOverview() {
        return sync(clusters::overview);
    }

    @Override
    public CompletableFuture<ClusterOverview> clusterOverviewAsync() {
        return async(clusters::overview);
    }

    @Override
    public Map<String, String> brokerConfig(String brokerName) {
        require(brokerName, "the broker name");
        return sync(() -> clusters.config(brokerName));
    }

    @Override
    public BrokerStatsSnapshot brokerStats(String brokerName, String statsName, String statsKey) {
        require(brokerName, "the broker name");
        require(statsName, "the statistic's name");
        require(statsKey, "the statistic's key");
        return sync(() -> clusters.stats(brokerName, statsName, statsKey));
    }

    // ---- topics ----

    @Override
    public TopicListing topics() {
        return sync(topics::list);
    }

    @Override
    public CompletableFuture<TopicListing> topicsAsync() {
        return async(topics::list);
    }

    @Override
    public NameSet topicsOfCluster(String cluster) {
        require(cluster, "the cluster");
        return sync(() -> topics.topicsOfCluster(cluster));
    }

    @Override
    public TopicRouteInfo topicRoute(String topic) {
        require(topic, "the topic");
        return sync(() -> topics.route(topic));
    }

    @Override
    public TopicStatus topicStatus(String topic) {
        require(topic, "the topic");
        return sync(() -> topics.status(topic));
    }

    @Override
    public CompletableFuture<TopicStatus> topicStatusAsync(String topic) {
        return async(() -> topics.status(require(topic, "the topic")));
    }

    @Override
    public WriteResult createOrUpdateTopic(TopicSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return sync(() -> topics.createOrUpdate(spec));
    }

    @Override
    public WriteResult deleteTopic(String topic) {
        require(topic, "the topic");
        return sync(() -> topics.delete(topic));
    }

    @Override
    public NameSet consumerGroupsOf(String topic) {
        require(topic, "the topic");
        return sync(() -> topics.consumerGroupsOf(topic));
    }

    // ---- consumer groups ----

    @Override
    public ConsumerGroupListing consumerGroups() {
        return sync(groups::list);
    }

    @Override
    public CompletableFuture<ConsumerGroupListing> consumerGroupsAsync() {
        return async(groups::list);
    }

    @Override
    public GroupDetail group(String group) {
        require(group, "the consumer group");
        return sync(() -> groups.detail(group));
    }

    @Override
    public CompletableFuture<GroupDetail> groupAsync(String group) {
        return async(() -> groups.detail(require(group, "the consumer group")));
    }

    @Override
    public NameSet topicsOf(String group) {
        require(group, "the consumer group");
        return sync(() -> groups.topicsOf(group));
    }

    @Override
    public ConsumerRunningInfo consumerRunningInfo(String group, String clientId) {
        require(group, "the consumer group");
        require(clientId, "the client id");
        return sync(() -> groups.runningInfo(group, clientId));
    }

    @Override
    public WriteResult deleteConsumerGroup(String group) {
        require(group, "the consumer group");
        return sync(() -> groups.delete(group));
    }

    // ---- offsets ----

    @Override
    public ResetResult resetOffsets(String group, String topic, Instant time) {
        require(group, "the consumer group");
        require(topic, "the topic");
        Objects.requireNonNull(time, "time");
        if (time.toEpochMilli() < 0) {
            throw new MqClientException("reset time " + time + " is before 1970");
        }
        return sync(() -> offsets.reset(group, topic, time.toEpochMilli()));
    }

    @Override
    public ResetResult skipBacklog(String group, String topic) {
        require(group, "the consumer group");
        require(topic, "the topic");
        return sync(() -> offsets.reset(group, topic, OffsetOps.END));
    }

    // ---- dead letters ----

    @Override
    public DeadLetterGroups deadLetterGroups() {
        return sync(deadLetters::groups);
    }

    @Override
    public DeadLetterPage deadLetters(String group, DeadLetterCursor cursor, int pageSize) {
        require(group, "the consumer group");
        Objects.requireNonNull(cursor, "cursor (DeadLetterCursor.FIRST for the first page)");
        return sync(() -> deadLetters.page(group, cursor, pageSize));
    }

    @Override
    public ResendResult resendDeadLetters(String group, Collection<String> messageIds) {
        require(group, "the consumer group");
        Objects.requireNonNull(messageIds, "messageIds");
        return sync(() -> deadLetters.resend(group, messageIds));
    }

    @Override
    public ResendResult resendAllDeadLetters(String group) {
        require(group, "the consumer group");
        return sync(() -> deadLetters.resendAll(group));
    }

    // ---- messages ----

    @Override
    public MessageSearch messagesByKey(String topic, String key, Instant from, Instant to) {
        return sync(() -> byKey(topic, key, from, to));
    }

    @Override
    public CompletableFuture<MessageSearch> messagesByKeyAsync(String topic, String key, Instant from, Instant to) {
        return async(() -> byKey(topic, key, from, to));
    }

    private CompletableFuture<MessageSearch> byKey(String topic, String key, Instant from, Instant to) {
        require(topic, "the topic");
        require(key, "the key");
        checkRange(from, to);
        return messages.byKey(topic, key, from, to);
    }

    @Override
    public MessageSearch messagesById(String topic, String messageId) {
        return sync(() -> messages.byId(require(topic, "the topic"), require(messageId, "the message id")));
    }

    @Override
    public CompletableFuture<MessageSearch> messagesByIdAsync(String topic, String messageId) {
        return async(() -> messages.byId(require(topic, "the topic"), require(messageId, "the message id")));
    }

    @Override
    public MessageSearch messagesByTime(String topic, Instant from, Instant to, int maxMessages) {
        return sync(() -> byTime(topic, from, to, maxMessages));
    }

    @Override
    public CompletableFuture<MessageSearch> messagesByTimeAsync(String topic, Instant from, Instant to,
                                                                int maxMessages) {
        return async(() -> byTime(topic, from, to, maxMessages));
    }

    private CompletableFuture<MessageSearch> byTime(String topic, Instant from, Instant to, int maxMessages) {
        require(topic, "the topic");
        checkRange(from, to);
        return messages.byTime(topic, from, to, maxMessages);
    }

    private static void checkRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new MqClientException("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    @Override
    public List<MessageTrack> track(ReceivedMessage message) {
        Objects.requireNonNull(message, "message");
        return sync(() -> messages.track(message));
    }

    @Override
    public CompletableFuture<List<MessageTrack>> trackAsync(ReceivedMessage message) {
        Objects.requireNonNull(message, "message");
        return async(() -> messages.track(message));
    }

    @Override
    public String toString() {
        return "MqAdmin[timeout=" + context.calls().timeout().toMillis() + " ms, namesrv="
                + context.calls().namesrvAddresses() + "]";
    }
}
