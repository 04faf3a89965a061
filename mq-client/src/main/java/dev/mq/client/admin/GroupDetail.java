package dev.mq.client.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one consumer group: its online clients and what they subscribe, and per queue
 * the broker offset, the group's offset, the lag, the owning client and the backlog age.
 *
 * @param group            the group
 * @param clients          clients connected now (empty: the group is offline)
 * @param consumeType      push, pull or pop, when a client is online
 * @param messageModel     clustering or broadcasting, when a client is online
 * @param consumeFromWhere where a new client starts ({@code CONSUME_FROM_LAST_OFFSET}, ...), when online
 * @param subscriptions    what the online clients subscribe (the retry topic included)
 * @param queues           progress per queue, ordered by topic, broker and queue
 * @param totalLag         sum of the queues' lags (never negative; a lower bound when some are unknown)
 * @param backlogAge       age of the oldest message not consumed yet over all queues: zero without
 *                         lag; empty when the age of some lagging queue is unknown
 * @param issues           what could not be asked, and of whom
 */
public record GroupDetail(String group, List<ConsumerClient> clients, Optional<ConsumeType> consumeType,
                          Optional<MessageModel> messageModel, Optional<String> consumeFromWhere,
                          List<Subscription> subscriptions, List<QueueProgress> queues, Lag totalLag,
                          Optional<Duration> backlogAge, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public GroupDetail {
        clients = List.copyOf(clients);
        subscriptions = List.copyOf(subscriptions);
        queues = List.copyOf(queues);
        issues = List.copyOf(issues);
    }

    /** Whether a client of the group is connected. */
    public boolean online() {
        return !clients.isEmpty();
    }

    /** The lag on one topic (a lower bound or unknown when some of its queues are unknown). */
    public Lag lagOf(String topic) {
        return Lag.sum(queues.stream().filter(q -> q.queue().topic().equals(topic)).map(QueueProgress::lag).toList());
    }

    /** The queues of one topic. */
    public List<QueueProgress> queuesOf(String topic) {
        return queues.stream().filter(q -> q.queue().topic().equals(topic)).toList();
    }
}
