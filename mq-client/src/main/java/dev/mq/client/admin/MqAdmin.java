package dev.mq.client.admin;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqClient;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.ReceivedMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The admin API: what a web console shows and does, against our server and (for reading) Apache
 * RocketMQ 5.x. Made by {@link MqClient#admin()}; it holds no resources of its own and is owned by
 * the client (closing the client ends it). Thread-safe: share one instance.
 *
 * <pre>{@code
 * try (MqClient client = MqClient.builder().namesrv("127.0.0.1:9876").build()) {
 *     MqAdmin admin = client.admin();
 *     ClusterOverview clusters = admin.clusterOverview();
 *     TopicListing topics = admin.topics();
 *     GroupDetail group = admin.group("orders-cg");
 *     group.totalLag();        // "0", "42", "≥ 42" or "unknown", never -1
 *     group.backlogAge();      // age of the oldest message not consumed yet
 *     admin.skipBacklog("orders-cg", "Orders");
 *     admin.resendAllDeadLetters("orders-cg");   // no consumer needs to be online
 * }
 * }</pre>
 *
 * <p><b>Several brokers.</b> What involves several brokers is asked of all of them at once, not
 * one after another. A broker that does not answer, refuses, or does not support a request does
 * not fail a read that gathers from several: the result carries what the others answered and a
 * {@link BrokerIssue} for it, and figures it would have contributed are empty, a lower bound or
 * unknown, never invented. Calls that ask one broker throw instead: {@link NotSupportedByBrokerException}
 * when it does not offer the request, {@link MqBrokerException} when it refuses, and
 * {@link MqClientException} or {@code MqTimeoutException} when it cannot be reached; every message
 * names the broker, its address and the operation.
 *
 * <p><b>Threads.</b> Synchronous calls block the calling thread until every broker answered or timed
 * out (the client's request timeout, or {@link #withTimeout}). The futures of the {@code ...Async}
 * methods complete on the client's callback threads, never on network threads, and fail with the
 * same exceptions as the synchronous calls.
 *
 * <p><b>Differences between servers</b> are hidden: for example a group's backlog age comes from
 * QUERY_CONSUME_TIME_SPAN (our server and Apache 5.x answer it), and is read from the oldest
 * unconsumed message of a broker that answers REQUEST_CODE_NOT_SUPPORTED; dead letters use our
 * server's extension requests ({@code docs/admin-extensions.md}) and are reported as not supported on
 * brokers without them.
 */
public interface MqAdmin {

    /** This admin with another timeout per broker request (the default is the client's request timeout). */
    MqAdmin withTimeout(Duration timeout);

    // ---- clusters and brokers ----

    /** Every cluster and broker with its runtime figures; see {@link #clusterOverviewAsync()}. */
    ClusterOverview clusterOverview();

    /**
     * Every cluster and broker (GET_BROKER_CLUSTER_INFO) with each broker's runtime figures
     * (GET_BROKER_RUNTIME_INFO, asked of every broker process at once).
     *
     * @return fails only when the name server cannot be asked
     */
    CompletableFuture<ClusterOverview> clusterOverviewAsync();

    /**
     * A broker's configuration (GET_BROKER_CONFIG of its master), as {@code key -> value}.
     *
     * @throws NotSupportedByBrokerException when the broker does not offer it
     * @throws MqClientException when no such broker is known
     */
    Map<String, String> brokerConfig(String brokerName);

    /**
     * One of a broker's statistics over the last minute, hour and day (VIEW_BROKER_STATS_DATA), e.g.
     * {@link BrokerStatsSnapshot#TOPIC_PUT_NUMS} of a topic.
     *
     * @throws NotSupportedByBrokerException when the broker does not offer it
     * @throws MqBrokerException when the broker has no such statistic
     */
    BrokerStatsSnapshot brokerStats(String brokerName, String statsName, String statsKey);

    // ---- topics ----

    /** Every topic with kind, queues and message count; see {@link #topicsAsync()}. */
    TopicListing topics();

    /**
     * Every topic the name server knows, sorted by name, with its kind, queues (from each master's
     * topic configuration) and messages stored now (per topic and broker, GET_TOPIC_STATS_INFO). All
     * brokers are asked at once and the per-topic requests are pipelined.
     */
    CompletableFuture<TopicListing> topicsAsync();

    /**
     * The names of the topics of one cluster (GET_TOPICS_BY_CLUSTER where the name server offers it,
     * else the topic configurations of the cluster's masters); empty for an unknown cluster.
     */
    NameSet topicsOfCluster(String cluster);

    /**
     * A topic's route: brokers, queue counts, permissions and addresses.
     *
     * @throws MqClientException when the topic does not exist
     */
    TopicRouteInfo topicRoute(String topic);

    /** Per-queue min and max offsets and last store times of a topic; see {@link #topicStatusAsync}. */
    TopicStatus topicStatus(String topic);

    /**
     * Per-queue min and max offsets and last store times of a topic on every broker holding it.
     *
     * @return fails when the topic does not exist
     */
    CompletableFuture<TopicStatus> topicStatusAsync(String topic);

    /**
     * Creates a topic, or changes its queues, permission and order flag, on the brokers the spec names
     * (UPDATE_AND_CREATE_TOPIC to each master at once).
     *
     * @throws MqClientException when a named broker or cluster is unknown
     */
    WriteResult createOrUpdateTopic(TopicSpec spec);

    /**
     * Deletes a topic from every broker holding it, then from every name server.
     *
     * @throws MqClientException when the topic does not exist
     */
    WriteResult deleteTopic(String topic);

    /** The consumer groups that subscribe to or hold offsets for a topic, over all brokers holding it. */
    NameSet consumerGroupsOf(String topic);

    // ---- consumer groups ----

    /** Every consumer group with online clients and total lag; see {@link #consumerGroupsAsync()}. */
    ConsumerGroupListing consumerGroups();

    /**
     * Every consumer group the brokers know (GET_ALL_SUBSCRIPTIONGROUP_CONFIG), sorted, each with its
     * online clients, mode and total lag; the brokers' own groups are included and marked
     * {@link ConsumerGroupSummary#system()}.
     */
    CompletableFuture<ConsumerGroupListing> consumerGroupsAsync();

    /** One consumer group in detail; see {@link #groupAsync(String)}. */
    GroupDetail group(String group);

    /**
     * One consumer group: its online clients with their subscriptions and mode, and per queue the
     * broker offset, the group's offset, the lag (never negative; unknown where it cannot be told),
     * the owning client and its last consume time (GET_CONSUMER_RUNNING_INFO, relayed by a broker to
     * each online client; a client that does not answer leaves its queues' owner empty, with an issue
     * naming them), and the backlog age. A group that never consumed and is offline gets an empty
     * queue list.
     */
    CompletableFuture<GroupDetail> groupAsync(String group);

    /** The topics a group consumes (holds offsets for or subscribes to), over all brokers. */
    NameSet topicsOf(String group);

    /**
     * What one online client of a group reports about itself (GET_CONSUMER_RUNNING_INFO, relayed by a
     * broker the client is connected to).
     *
     * @throws NotSupportedByBrokerException when the broker cannot relay it
     * @throws MqBrokerException when the client is not connected or does not answer
     */
    ConsumerRunningInfo consumerRunningInfo(String group, String clientId);

    /** Deletes a consumer group's configuration and offsets from every master. */
    WriteResult deleteConsumerGroup(String group);

    // ---- offsets ----

    /**
     * Moves a group's offsets of a topic, on every broker holding it, to the first message stored at
     * or after {@code time} (INVOKE_BROKER_TO_RESET_OFFSET, forced: forward or back). Works with or
     * without consumers online; online push consumers follow within seconds.
     */
    ResetResult resetOffsets(String group, String topic, Instant time);

    /** Moves a group's offsets of a topic to the end of every queue: the backlog is skipped. */
    ResetResult skipBacklog(String group, String topic);

    // ---- dead letters ----

    /** The groups with dead letters and how many each has (from the topic list and topic stats). */
    DeadLetterGroups deadLetterGroups();

    /**
     * A page of a group's dead letters (LIST_DEAD_LETTERS, a dev.mq extension).
     *
     * @param cursor   {@link DeadLetterCursor#FIRST}, or {@link DeadLetterPage#next()} of the previous page
     * @param pageSize 1..1000
     * @throws NotSupportedByBrokerException when no broker holding the group's dead letters offers it
     */
    DeadLetterPage deadLetters(String group, DeadLetterCursor cursor, int pageSize);

    /**
     * Appends dead letters of a group to their original topics again (RESEND_DEAD_LETTERS, a dev.mq
     * extension); no consumer needs to be online. Every group subscribed to the original topic
     * receives the copies.
     *
     * @param messageIds message ids ({@code UNIQ_KEY}) or offset message ids, at most 1000
     * @throws NotSupportedByBrokerException when no broker holding the group's dead letters offers it
     */
    ResendResult resendDeadLetters(String group, Collection<String> messageIds);

    /** Re-sends every dead letter of a group; see {@link #resendDeadLetters}. */
    ResendResult resendAllDeadLetters(String group);

    // ---- messages ----

    /** Messages of a topic with this key stored in a time range; see {@link #messagesByKeyAsync}. */
    MessageSearch messagesByKey(String topic, String key, Instant from, Instant to);

    /** Messages of a topic with this key (a {@code KEYS} entry) stored in {@code [from, to]}, from every broker. */
    CompletableFuture<MessageSearch> messagesByKeyAsync(String topic, String key, Instant from, Instant to);

    /** The message(s) with this id; see {@link #messagesByIdAsync}. */
    MessageSearch messagesById(String topic, String messageId);

    /**
     * The message(s) of a topic with this id: a message id ({@code UNIQ_KEY}, several copies possible
     * after retries or re-sends) or an offset message id (one stored record).
     */
    CompletableFuture<MessageSearch> messagesByIdAsync(String topic, String messageId);

    /** Messages of a topic stored in a time range; see {@link #messagesByTimeAsync}. */
    MessageSearch messagesByTime(String topic, Instant from, Instant to, int maxMessages);

    /**
     * Messages of a topic stored in {@code [from, to]}, read from every queue at once, oldest first,
     * at most {@code maxMessages} (1..10000; {@link MessageSearch#truncated()} says when more exist).
     */
    CompletableFuture<MessageSearch> messagesByTimeAsync(String topic, Instant from, Instant to, int maxMessages);

    /** Whether each consumer group of the message's topic consumed it; see {@link #trackAsync}. */
    List<MessageTrack> track(ReceivedMessage message);

    /**
     * For each consumer group of the message's topic: consumed, not consumed yet, filtered out, not
     * online, or unknown, from the group's committed offset on the message's queue.
     */
    CompletableFuture<List<MessageTrack>> trackAsync(ReceivedMessage message);

    /**
     * Names gathered from several brokers.
     *
     * @param names  the names, sorted
     * @param issues brokers that did not answer (names only they know are missing)
     */
    record NameSet(java.util.SortedSet<String> names, List<BrokerIssue> issues) {

        /** Makes the collections unmodifiable copies. */
        public NameSet {
            names = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(names));
            issues = List.copyOf(issues);
        }
    }

    /**
     * Unwraps what a failed future of this API carries.
     *
     * @return the {@link MqException} that a synchronous call would have thrown
     */
    static MqException failureOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof MqException mq ? mq : new MqClientException(String.valueOf(cause), cause);
    }
}
