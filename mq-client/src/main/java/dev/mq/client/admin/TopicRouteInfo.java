package dev.mq.client.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic's route as the name server gives it: which brokers hold how many queues, with which
 * permissions, and the brokers' addresses.
 *
 * @param topic          the topic
 * @param queues         per broker: queue counts and permission
 * @param brokers        per broker name: cluster and member addresses (broker id 0 is the master)
 * @param orderTopicConf the ordered-topic configuration ({@code broker-a:4;broker-b:4}), if set
 */
public record TopicRouteInfo(String topic, List<QueueGroup> queues, List<BrokerAddresses> brokers,
                             Optional<String> orderTopicConf) {

    /** Makes the lists unmodifiable copies. */
    public TopicRouteInfo {
        queues = List.copyOf(queues);
        brokers = List.copyOf(brokers);
    }

    /**
     * The queues of a topic on one broker.
     *
     * @param brokerName  the broker
     * @param readQueues  queues consumers read
     * @param writeQueues queues producers write
     * @param perm        permission bits: 4 read, 2 write, 1 inherit
     */
    public record QueueGroup(String brokerName, int readQueues, int writeQueues, int perm) {

        /** Whether consumers may read. */
        public boolean readable() {
            return (perm & 4) != 0;
        }

        /** Whether producers may write. */
        public boolean writable() {
            return (perm & 2) != 0;
        }
    }

    /**
     * One broker name's members.
     *
     * @param cluster    its cluster
     * @param brokerName the broker name
     * @param addresses  {@code host:port} by broker id (0: master)
     */
    public record BrokerAddresses(String cluster, String brokerName, Map<Long, String> addresses) {

        /** Makes {@code addresses} an unmodifiable copy. */
        public BrokerAddresses {
            addresses = Map.copyOf(addresses);
        }
    }
}
