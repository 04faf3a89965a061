package dev.mq.console.web;

import dev.mq.client.ReceivedMessage;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.DeadLetter;
import dev.mq.client.admin.DeadLetterGroups;
import dev.mq.client.admin.DeadLetterPage;
import dev.mq.client.admin.MessageSearch;
import dev.mq.client.admin.MqAdmin;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the dead-letter pages and their JSON show: the groups with dead letters, and one page of a
 * group's dead letters with a body preview and whether this console re-sent each one.
 */
@Component
public class DeadLetterViews {

    /** Dead letters on a page unless {@code size} says otherwise. */
    static final int DEFAULT_PAGE_SIZE = 20;
    /** Most dead letters on a page (the admin API's limit). */
    static final int MAX_PAGE_SIZE = 1000;

    private final MqAdmin admin;
    private final ResentDeadLetters resent;

    DeadLetterViews(MqAdmin admin, ResentDeadLetters resent) {
        this.admin = admin;
        this.resent = resent;
    }

    /**
     * The groups with dead letters.
     *
     * @param groups one row per group, sorted by group
     * @param issues brokers that did not say how many they hold
     */
    public record Groups(List<GroupRow> groups, List<BrokerIssue> issues) {
    }

    /**
     * One group with dead letters.
     *
     * @param group            the consumer group
     * @param count            dead letters stored now (over the brokers that answered)
     * @param brokers          brokers holding them
     * @param resentFromConsole distinct dead letters re-sent from this console since it started
     */
    public record GroupRow(String group, long count, Set<String> brokers, int resentFromConsole) {

        /** Dead letters not re-sent from this console (never below 0). */
        public long notResent() {
            return Math.max(0, count - resentFromConsole);
        }

        /** The brokers, sorted, separated by commas. */
        public String brokerList() {
            return String.join(", ", new java.util.TreeSet<>(brokers));
        }
    }

    /**
     * One page of a group's dead letters.
     *
     * @param group             the consumer group
     * @param total             dead letters stored now (over the brokers that answered)
     * @param resentFromConsole distinct dead letters re-sent from this console since it started
     * @param messages          the dead letters of this page, oldest first
     * @param cursor            the {@code cursor} parameter of this page (empty for the first)
     * @param nextCursor        the {@code cursor} parameter of the next page, null on the last one
     * @param size              dead letters per page
     * @param issues            brokers that did not answer (their dead letters are missing)
     */
    public record Page(String group, long total, int resentFromConsole, List<Row> messages, String cursor,
                       String nextCursor, int size, List<BrokerIssue> issues) {
    }

    /**
     * One dead letter.
     *
     * @param deadLetter  what the broker lists
     * @param bodyPreview the start of its body, or why it could not be read
     * @param resent      its last re-send from this console, or null
     */
    public record Row(DeadLetter deadLetter, String bodyPreview, ResentDeadLetters.Mark resent) {
    }

    /** The dead-letter topic of a group. */
    static String topicOf(String group) {
        return "%DLQ%" + group;
    }

    Groups groups() {
        DeadLetterGroups found = admin.deadLetterGroups();
        List<GroupRow> rows = found.groups().stream()
                .map(g -> new GroupRow(g.group(), g.count(), g.brokers(), resent.count(g.group()))).toList();
        return new Groups(rows, found.issues());
    }

    /**
     * A page of dead letters; the bodies of the page are read at once, all in parallel.
     *
     * @throws IllegalArgumentException for a bad cursor or page size
     */
    Page page(String group, String cursor, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ", not " + size);
        }
        DeadLetterPage page = admin.deadLetters(group, DeadLetterCursors.decode(cursor), size);
        List<CompletableFuture<String>> previews = new ArrayList<>();
        for (DeadLetter dead : page.messages()) {
            previews.add(admin.messagesByIdAsync(topicOf(group), dead.offsetMessageId())
                    .thenApply(DeadLetterViews::preview)
                    .exceptionally(e -> "(body not read: " + ConsoleErrors.describe(MqAdmin.failureOf(e)) + ")"));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < page.messages().size(); i++) {
            DeadLetter dead = page.messages().get(i);
            rows.add(new Row(dead, previews.get(i).join(), resent.mark(group, dead.messageId()).orElse(null)));
        }
        return new Page(group, page.total(), resent.count(group), rows, cursor == null ? "" : cursor,
                page.next().map(DeadLetterCursors::encode).orElse(null), size, page.issues());
    }

    private static String preview(MessageSearch search) {
        if (search.messages().isEmpty()) {
            return search.issues().isEmpty() ? "(gone from the store)" : "(body not read: " + search.issues().get(0) + ")";
        }
        ReceivedMessage message = search.messages().get(0);
        return MessageBody.preview(message.body());
    }
}
