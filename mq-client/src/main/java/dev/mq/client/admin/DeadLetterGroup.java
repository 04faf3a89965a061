package dev.mq.client.admin;

import java.util.Set;

/**
 * A consumer group that has dead letters.
 *
 * @param group   the consumer group
 * @param count   dead letters stored now, over the brokers that answered
 * @param brokers brokers holding its dead-letter queue
 */
public record DeadLetterGroup(String group, long count, Set<String> brokers) {

    /** Makes {@code brokers} an unmodifiable copy. */
    public DeadLetterGroup {
        brokers = Set.copyOf(brokers);
    }
}
