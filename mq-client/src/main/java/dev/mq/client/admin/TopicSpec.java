package dev.mq.client.admin;

import dev.mq.client.MqClientException;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a topic should look like, for {@link MqAdmin#createOrUpdateTopic}: its queues, permission and
 * order flag, and which brokers hold it (named brokers, the masters of a cluster, or, by default,
 * every master the name server lists).
 *
 * <pre>{@code
 * admin.createOrUpdateTopic(TopicSpec.builder("Orders").queues(8).cluster("DefaultCluster").build());
 * }</pre>
 *
 * @param topic       the topic (a sendable name: not a system topic)
 * @param readQueues  queues consumers read per broker, 1..1024
 * @param writeQueues queues producers write per broker, 1..1024
 * @param perm        permission bits: 6 read and write (default), 4 read only, 2 write only
 * @param order       whether the topic is ordered
 * @param brokers     broker names to create it on; empty: see {@code cluster}
 * @param cluster     with no broker names: the cluster whose masters get it; null: every master
 */
public record TopicSpec(String topic, int readQueues, int writeQueues, int perm, boolean order, List<String> brokers,
                        String cluster) {

    /** Read and write (6). */
    public static final int PERM_READ_WRITE = 6;
    /** Read only (4). */
    public static final int PERM_READ = 4;
    /** Write only (2). */
    public static final int PERM_WRITE = 2;

    /**
     * Checks every part.
     *
     * @throws MqClientException naming the first bad part
     */
    public TopicSpec {
        Validation name = TopicNames.checkSendable(topic);
        if (!name.isValid()) {
            throw new MqClientException("topic spec: " + name.problem());
        }
        if (readQueues < 1 || readQueues > 1024 || writeQueues < 1 || writeQueues > 1024) {
            throw new MqClientException("topic spec of " + topic + ": read and write queues must be 1..1024 but were "
                    + readQueues + " and " + writeQueues);
        }
        if ((perm & ~7) != 0 || (perm & 6) == 0) {
            throw new MqClientException("topic spec of " + topic + ": perm must allow reading or writing (2, 4 or 6)"
                    + " but was " + perm);
        }
        brokers = List.copyOf(brokers);
    }

    /** Starts a spec: 8 read and write queues, read-write, not ordered, on every master. */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** Builds a {@link TopicSpec}. Not thread-safe. */
    public static final class Builder {

        private final String topic;
        private int readQueues = 8;
        private int writeQueues = 8;
        private int perm = PERM_READ_WRITE;
        private boolean order;
        private final List<String> brokers = new ArrayList<>();
        private String cluster;

        private Builder(String topic) {
            this.topic = topic;
        }

        /** Read and write queues per broker (default 8). */
        public Builder queues(int queues) {
            this.readQueues = queues;
            this.writeQueues = queues;
            return this;
        }

        /** Read queues per broker. */
        public Builder readQueues(int queues) {
            this.readQueues = queues;
            return this;
        }

        /** Write queues per broker. */
        public Builder writeQueues(int queues) {
            this.writeQueues = queues;
            return this;
        }

        /** Permission bits ({@link #PERM_READ_WRITE} by default). */
        public Builder perm(int perm) {
            this.perm = perm;
            return this;
        }

        /** Whether the topic is ordered (default false). */
        public Builder order(boolean order) {
            this.order = order;
            return this;
        }

        /** Adds brokers (by name) to create the topic on. */
        public Builder brokers(String... names) {
            for (String name : names) {
                brokers.add(Objects.requireNonNull(name, "broker name"));
            }
            return this;
        }

        /** The cluster whose masters get the topic when no broker is named. */
        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * The spec.
         *
         * @throws MqClientException naming the first bad part
         */
        public TopicSpec build() {
            return new TopicSpec(topic, readQueues, writeQueues, perm, order, brokers, cluster);
        }
    }
}
