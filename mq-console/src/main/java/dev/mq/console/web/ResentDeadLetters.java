package dev.mq.console.web;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which dead letters were re-sent from this console since it started, by group and message id. A
 * re-sent dead letter stays in its dead-letter queue (the broker keeps it), so this is what tells
 * an operator which ones are handled: the pages show "re-sent" counts and marks from it.
 */
@Component
public class ResentDeadLetters {

    /** Ids remembered per group; the oldest are forgotten first. */
    static final int PER_GROUP = 100_000;

    /**
     * One re-send of a dead letter.
     *
     * @param at   when
     * @param user who asked for it
     */
    public record Mark(Instant at, String user) {
    }

    private final Clock clock;
    private final Map<String, Map<String, Mark>> byGroup = new HashMap<>();

    public ResentDeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** Remembers that {@code messageIds} of {@code group} were re-sent by {@code user} now. */
    public void record(String group, Collection<String> messageIds, String user) {
        Mark mark = new Mark(clock.instant(), user);
        synchronized (byGroup) {
            Map<String, Mark> marks = byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Mark> eldest) {
                    return size() > PER_GROUP;
                }
            });
            messageIds.forEach(id -> {
                marks.remove(id); // re-inserted: the newest re-send is the youngest entry
                marks.put(id, mark);
            });
        }
    }

    /** The last re-send of a dead letter from this console, if any. */
    public Optional<Mark> mark(String group, String messageId) {
        synchronized (byGroup) {
            return Optional.ofNullable(byGroup.getOrDefault(group, Map.of()).get(messageId));
        }
    }

    /** How many distinct dead letters of {@code group} were re-sent from this console. */
    public int count(String group) {
        synchronized (byGroup) {
            return byGroup.getOrDefault(group, Map.of()).size();
        }
    }
}
