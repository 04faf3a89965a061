package dev.mq.client.admin;

import java.util.List;

/**
 * What a re-send of dead letters to their original topics did, over every broker holding the group's
 * dead letters. The copies reach every group subscribed to the original topic, not only this one.
 *
 * @param resent       messages appended to their original topics
 * @param resentIds    their ids (unchanged by the re-send: consumers see the same message id)
 * @param notFound     requested ids that no broker holds as a dead letter of the group
 * @param resentBefore ids that had been re-sent before and were re-sent again, as asked
 * @param failed       dead letters found but not re-sent, with the reason
 * @param issues       brokers that could not be asked (their dead letters were not re-sent)
 */
public record ResendResult(int resent, List<String> resentIds, List<String> notFound, List<String> resentBefore,
                           List<Failure> failed, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public ResendResult {
        resentIds = List.copyOf(resentIds);
        notFound = List.copyOf(notFound);
        resentBefore = List.copyOf(resentBefore);
        failed = List.copyOf(failed);
        issues = List.copyOf(issues);
    }

    /**
     * A dead letter that was found but not re-sent.
     *
     * @param messageId its id
     * @param reason    why (no origin topic, the topic is gone or not writable, the store refused)
     */
    public record Failure(String messageId, String reason) {
    }
}
