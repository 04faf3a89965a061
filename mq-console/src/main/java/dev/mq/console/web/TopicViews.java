package dev.mq.console.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What /topics and /topics/{topic} show, the same for the HTML pages and for {@code /api/topics/...}:
 * a figure that cannot be told is null (shown as "unknown"), never a made-up number.
 */
public final class TopicViews {

    private TopicViews() {
    }

    /**
     * The topic list, filtered and paged.
     *
     * @param topics     the topics of this page
     * @param total      topics listed by the cluster
     * @param matching   topics passing the filter
     * @param page       this page, from 1
     * @param pages      pages of matching topics
     * @param kind       the kind filter: all, normal, retry, dlq or system
     * @param query      the search text (empty: none)
     * @param kindCounts topics per kind over the whole cluster
     * @param issues     brokers that did not answer, in words
     */
    public record TopicList(List<TopicRow> topics, int total, int matching, int page, int pages, String kind,
                            String query, Map<String, Integer> kindCounts, List<String> issues) {
    }

    /**
     * One topic in the list.
     *
     * @param name        the topic
     * @param kind        normal, retry, dlq or system
     * @param readQueues  read queues over all brokers
     * @param writeQueues write queues over all brokers
     * @param brokers     the brokers holding it
     * @param order       whether it is ordered
     * @param messages    messages stored now, or null when a broker could not say
     * @param href        the topic's page
     */
    public record TopicRow(String name, String kind, int readQueues, int writeQueues, List<String> brokers,
                           boolean order, Long messages, String href) {

        /** The stored messages as shown: "1,234" or "unknown". */
        public String messagesText() {
            return messages == null ? "unknown" : String.format(java.util.Locale.ROOT, "%,d", messages);
        }
    }

    /**
     * One topic in detail.
     *
     * @param name          the topic
     * @param kind          normal, retry, dlq or system
     * @param queues        every queue with its offsets
     * @param totalMessages messages stored now over the queues listed
     * @param lastStoreTime newest store time over all queues, or null when none ever held a message
     * @param route         per broker: queues, permission, addresses
     * @param groups        consumer groups of the topic with their backlog on it
     * @param inPerSecond   messages stored per second over the last minute (brokers' statistics), or null
     * @param outPerSecond  messages delivered per second over the last minute to all groups, or null
     * @param ratesNote     why a rate is unknown, or null
     * @param issues        what could not be read, in words
     */
    public record TopicDetail(String name, String kind, List<QueueRow> queues, long totalMessages,
                              Instant lastStoreTime, List<RouteRow> route, List<GroupBacklog> groups,
                              Double inPerSecond, Double outPerSecond, String ratesNote, List<String> issues) {
    }

    /**
     * One queue of a topic.
     *
     * @param broker        the broker
     * @param queueId       the queue id
     * @param minOffset     oldest offset still stored
     * @param maxOffset     offset of the next message
     * @param messages      messages stored now
     * @param lastStoreTime when it last stored a message, or null
     */
    public record QueueRow(String broker, int queueId, long minOffset, long maxOffset, long messages,
                           Instant lastStoreTime) {
    }

    /**
     * One broker of a topic's route.
     *
     * @param broker      the broker name
     * @param cluster     its cluster
     * @param readQueues  read queues
     * @param writeQueues write queues
     * @param permission  "read and write", "read only" or "write only"
     * @param addresses   {@code id=host:port} of its members
     */
    public record RouteRow(String broker, String cluster, int readQueues, int writeQueues, String permission,
                           String addresses) {
    }

    /**
     * A consumer group of a topic.
     *
     * @param group    the group
     * @param backlog  "0", "42", "≥ 42" or "unknown"
     * @param messages the exact backlog, or null when it is a lower bound or unknown
     * @param online   clients connected now, or null when the group could not be read
     * @param problem  why the group could not be read, or null
     */
    public record GroupBacklog(String group, String backlog, Long messages, Integer online, String problem) {
    }

    /**
     * The messages-in chart of a topic: stored messages per sample and what was added between samples.
     *
     * @param topic           the topic
     * @param intervalSeconds seconds between samples
     * @param samples         oldest first
     */
    public record MessagesIn(String topic, long intervalSeconds, List<MessagesInSample> samples) {
    }

    /**
     * One sample of a topic.
     *
     * @param at     when it was taken
     * @param stored messages stored then, or null when unknown
     * @param added  messages stored since the previous sample, or null when unknown (a count missing, or
     *               old messages removed by retention in between)
     */
    public record MessagesInSample(Instant at, Long stored, Long added) {
    }
}
