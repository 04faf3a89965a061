package dev.mq.client.admin;

import dev.mq.client.ReceivedMessage;

import java.util.List;

/**
 * Messages found by a query, ordered by store time (oldest first).
 *
 * @param messages  the messages, bodies included
 * @param truncated whether more matched than the limit, so some were left out
 * @param issues    brokers that could not be searched
 */
public record MessageSearch(List<ReceivedMessage> messages, boolean truncated, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public MessageSearch {
        messages = List.copyOf(messages);
        issues = List.copyOf(issues);
    }
}
