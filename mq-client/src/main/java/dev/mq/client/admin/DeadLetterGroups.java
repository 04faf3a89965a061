package dev.mq.client.admin;

import java.util.List;

/**
 * The consumer groups with dead letters, sorted by group.
 *
 * @param groups groups whose dead-letter queue holds at least one message
 * @param issues brokers that did not say how many they hold
 */
public record DeadLetterGroups(List<DeadLetterGroup> groups, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public DeadLetterGroups {
        groups = List.copyOf(groups);
        issues = List.copyOf(issues);
    }
}
