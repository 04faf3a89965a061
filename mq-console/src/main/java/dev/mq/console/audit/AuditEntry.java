package dev.mq.console.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One action taken in the console.
 *
 * @param at      when it finished
 * @param user    who took it
 * @param action  what kind, e.g. "create topic"
 * @param target  what it acted on, e.g. the topic's name
 * @param success whether it did what was asked
 * @param outcome what happened, in words (the broker's reason on a failure)
 */
public record AuditEntry(Instant at, String user, String action, String target, boolean success, String outcome) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
    }
}
