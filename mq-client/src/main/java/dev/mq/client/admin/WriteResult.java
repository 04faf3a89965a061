package dev.mq.client.admin;

import dev.mq.client.MqClientException;

import java.util.List;

/**
 * What a change sent to several brokers (and name servers) achieved: where it was applied and
 * where it failed. Changes are sent to all targets at once; one failing does not stop the others.
 *
 * @param operation what was changed, e.g. "create or update topic Orders"
 * @param applied   the brokers (or "name server host:port") that applied it
 * @param issues    the targets that did not, and why
 */
public record WriteResult(String operation, List<String> applied, List<BrokerIssue> issues) {

    /** Makes the lists unmodifiable copies. */
    public WriteResult {
        applied = List.copyOf(applied);
        issues = List.copyOf(issues);
    }

    /** Whether every target applied the change. */
    public boolean isComplete() {
        return issues.isEmpty();
    }

    /**
     * Returns this result when complete.
     *
     * @throws MqClientException naming the operation and every failed target otherwise
     */
    public WriteResult orThrow() {
        if (!issues.isEmpty()) {
            throw new MqClientException(operation + " failed on " + issues.size() + " target(s) (applied on "
                    + applied + "): " + issues);
        }
        return this;
    }
}
