package dev.mq.client.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every cluster and broker the name server knows, each broker with its runtime figures (asked of
 * all brokers at once).
 *
 * @param brokers every broker process, by cluster, name and id
 * @param issues  brokers that did not give their figures, and why
 */
public record ClusterOverview(List<BrokerInfo> brokers, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public ClusterOverview {
        brokers = List.copyOf(brokers);
        issues = List.copyOf(issues);
    }

    /** The brokers by cluster name (sorted), each list in the order of {@link #brokers()}. */
    public Map<String, List<BrokerInfo>> byCluster() {
        return brokers.stream().collect(Collectors.groupingBy(BrokerInfo::cluster, TreeMap::new, Collectors.toList()));
    }

    /** The master of {@code brokerName}, if listed. */
    public java.util.Optional<BrokerInfo> master(String brokerName) {
        return brokers.stream().filter(b -> b.name().equals(brokerName) && b.isMaster()).findFirst();
    }
}
