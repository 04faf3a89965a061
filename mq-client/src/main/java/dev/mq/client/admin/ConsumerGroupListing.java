package dev.mq.client.admin;

import java.util.List;
import java.util.Optional;

/**
 * Every consumer group the brokers know, sorted by name.
 *
 * @param groups the groups
 * @param issues brokers that did not give their part (lags are then lower bounds or unknown)
 */
public record ConsumerGroupListing(List<ConsumerGroupSummary> groups, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public ConsumerGroupListing {
        groups = List.copyOf(groups);
        issues = List.copyOf(issues);
    }

    /** One group by name. */
    public Optional<ConsumerGroupSummary> group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst();
    }
}
