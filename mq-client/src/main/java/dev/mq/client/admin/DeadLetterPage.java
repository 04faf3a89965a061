package dev.mq.client.admin;

import java.util.List;
import java.util.Optional;

/**
 * One page of a group's dead letters, oldest first, broker after broker (in name order).
 *
 * @param group    the consumer group
 * @param messages the dead letters of this page
 * @param total    dead letters stored now for the group, over all brokers that answered
 * @param next     where the next page starts; empty when this page reaches the end
 * @param issues   brokers that did not answer (their dead letters are missing)
 */
public record DeadLetterPage(String group, List<DeadLetter> messages, long total, Optional<DeadLetterCursor> next,
                             List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public DeadLetterPage {
        messages = List.copyOf(messages);
        issues = List.copyOf(issues);
    }
}
