package dev.mq.client.admin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A topic's queues on every broker holding it (GET_TOPIC_STATS_INFO, asked of all at once).
 *
 * @param topic  the topic
 * @param queues every queue, ordered by broker and queue id
 * @param issues brokers that did not answer; their queues are missing
 */
public record TopicStatus(String topic, List<QueueStatus> queues, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public TopicStatus {
        queues = List.copyOf(queues);
        issues = List.copyOf(issues);
    }

    /** Messages stored now over all queues listed. */
    public long totalMessages() {
        return queues.stream().mapToLong(QueueStatus::messages).sum();
    }

    /** The newest store time over all queues, if any queue ever held a message. */
    public Optional<Instant> lastStoreTime() {
        return queues.stream().map(QueueStatus::lastStoreTime).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
