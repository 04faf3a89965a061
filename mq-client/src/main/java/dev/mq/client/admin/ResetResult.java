package dev.mq.client.admin;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a consumer group's offsets of a topic were moved to, per queue, on every broker holding the
 * topic. Online push consumers of the group are told by the brokers and follow.
 *
 * @param group   the consumer group
 * @param topic   the topic
 * @param offsets the new committed offset of each queue, ordered by broker and queue
 * @param issues  brokers that did not reset (their queues keep their offsets)
 */
public record ResetResult(String group, String topic, Map<QueueRef, Long> offsets,
                          java.util.List<BrokerIssue> issues) {

    /** Makes the collections unmodifiable sorted copies. */
    public ResetResult {
        offsets = java.util.Collections.unmodifiableMap(new TreeMap<>(offsets));
        issues = java.util.List.copyOf(issues);
    }
}
