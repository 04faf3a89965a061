package dev.mq.client.admin;

import java.util.List;
import java.util.Optional;

/**
 * Every topic of the name server, sorted by name, each with its kind, queues and message count.
 *
 * @param topics the topics
 * @param issues brokers that did not give their part (then counts of their topics are empty)
 */
public record TopicListing(List<TopicSummary> topics, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public TopicListing {
        topics = List.copyOf(topics);
        issues = List.copyOf(issues);
    }

    /** The topics of one kind, in name order. */
    public List<TopicSummary> ofKind(TopicKind kind) {
        return topics.stream().filter(t -> t.kind() == kind).toList();
    }

    /** One topic by name. */
    public Optional<TopicSummary> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
