package dev.mq.console.audit;

import dev.mq.console.config.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every action taken in the console, newest first, kept in memory up to
 * {@code mq.console.audit-capacity} entries and also written to the log (logger
 * {@code dev.mq.console.audit}) so it outlives a restart where logs are kept.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("dev.mq.console.audit");

    private final Clock clock;
    private final int capacity;
    private final Deque<AuditEntry> entries = new ArrayDeque<>();

    public AuditLog(Clock clock, ConsoleProperties properties) {
        this.clock = clock;
        this.capacity = properties.getAuditCapacity();
    }

    /** Records an action and its outcome. */
    public AuditEntry record(String user, String action, String target, boolean success, String outcome) {
        AuditEntry entry = new AuditEntry(clock.instant(), user, action, target, success, outcome);
        log.info("{} {} {}: {} ({})", entry.user(), entry.action(), entry.target(),
                success ? "done" : "failed", entry.outcome());
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > capacity) {
                entries.removeLast();
            }
        }
        return entry;
    }

    /** The newest {@code limit} entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        synchronized (entries) {
            return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
        }
    }
}
