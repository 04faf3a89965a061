package dev.mq.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What /groups and /groups/{group} show, the same for the HTML pages and for {@code /api/groups/...}.
 * A backlog is never negative: it is given as text ("42", "≥ 42", "unknown") with the exact count
 * beside it, null when it is only a lower bound or unknown.
 */
public final class GroupViews {

    private GroupViews() {
    }

    /**
     * The group list.
     *
     * @param groups       the groups shown
     * @param total        groups the brokers know
     * @param matching     groups passing the filter
     * @param showSystem   whether the brokers' own groups are shown
     * @param query        the search text (empty: none)
     * @param stillReading groups whose details (subscriptions, backlog age) were not read in time for this
     *                     page; a refresh shows them
     * @param issues       what could not be read, in words
     */
    public record GroupList(List<GroupRow> groups, int total, int matching, boolean showSystem, String query,
                            int stillReading, List<String> issues) {
    }

    /**
     * One group in the list.
     *
     * @param group           the group
     * @param system          whether it is one of the brokers' own
     * @param onlineClients   clients connected now
     * @param mode            e.g. "push, clustering"; "offline" with no client
     * @param subscriptions   "topic (expression)" per subscription; null while not read yet
     * @param backlog         total backlog: "0", "42", "≥ 42" or "unknown"
     * @param backlogMessages the exact total backlog, or null
     * @param backlogAge      age of the oldest unconsumed message in words, "unknown", or "reading" while
     *                        its details are not read yet
     * @param backlogAgeSeconds the age in seconds, or null when not known
     * @param detailProblem   why its details could not be read, or null
     * @param href            the group's page
     */
    public record GroupRow(String group, boolean system, int onlineClients, String mode, List<String> subscriptions,
                           String backlog, Long backlogMessages, String backlogAge, Long backlogAgeSeconds,
                           String detailProblem, String href) {

        /** The subscriptions as shown: the list, "none online", "reading" or "unknown". */
        public String subscriptionsText() {
            if (subscriptions == null) {
                return detailProblem != null ? "unknown" : "reading";
            }
            return subscriptions.isEmpty() ? "none online" : String.join(", ", subscriptions);
        }
    }

    /**
     * One group in detail.
     *
     * @param group            the group
     * @param online           whether a client is connected
     * @param clients          its connected clients
     * @param mode             e.g. "push, clustering"; "offline"
     * @param consumeFromWhere where a new client starts, or null when offline
     * @param subscriptions    "topic (expression)" per subscription
     * @param queues           per topic and queue: offsets, lag, owner, last consume time
     * @param backlog          total backlog as text
     * @param backlogMessages  the exact total backlog, or null
     * @param backlogAge       age of the oldest unconsumed message in words, or "unknown"
     * @param topics           topics the group consumes (for the reset and skip forms)
     * @param issues           what could not be read, in words
     */
    public record GroupDetailView(String group, boolean online, List<ClientRow> clients, String mode,
                                  String consumeFromWhere, List<String> subscriptions, List<QueueLine> queues,
                                  String backlog, Long backlogMessages, String backlogAge, List<String> topics,
                                  List<String> issues) {
    }

    /**
     * One connected client.
     *
     * @param clientId its id
     * @param address  its connection's address
     * @param language its language
     * @param version  its version
     */
    public record ClientRow(String clientId, String address, String language, String version) {
    }

    /**
     * A group's progress on one queue.
     *
     * @param topic           the topic
     * @param broker          the broker
     * @param queueId         the queue id
     * @param brokerOffset    where the next message will be stored
     * @param consumerOffset  the committed offset, or null when none was committed
     * @param lag             "0", "42" or "unknown"
     * @param lagMessages     the exact lag, or null
     * @param client          the client consuming the queue, or null when not known
     * @param lastConsumeTime when that client last consumed from it, or null
     * @param backlogAge      age of the oldest unconsumed message in words, or "unknown"
     */
    public record QueueLine(String topic, String broker, int queueId, long brokerOffset, Long consumerOffset,
                            String lag, Long lagMessages, String client, Instant lastConsumeTime, String backlogAge) {
    }

    /**
     * The backlog chart of a group.
     *
     * @param group           the group
     * @param intervalSeconds seconds between samples
     * @param samples         oldest first
     */
    public record BacklogHistory(String group, long intervalSeconds, List<BacklogSample> samples) {
    }

    /**
     * One sample.
     *
     * @param at      when it was taken
     * @param backlog the exact total backlog then, or null when it was unknown or only a lower bound
     */
    public record BacklogSample(Instant at, Long backlog) {
    }

    /** A sampling interval in words: "500 ms" below a second, else as {@link #words}. */
    public static String interval(Duration interval) {
        return interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval.toMillis() + " ms" : words(interval);
    }

    /** A duration in words: "0 s", "42 s", "3 min 5 s", "2 h 3 min", "1 d 2 h"; "unknown" for null. */
    public static String words(Duration age) {
        if (age == null) {
            return "unknown";
        }
        long s = Math.max(0, age.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }
}
