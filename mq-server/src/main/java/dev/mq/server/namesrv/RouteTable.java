package dev.mq.server.namesrv;

import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.ClusterInfo;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.protocol.body.TopicList;
import dev.mq.protocol.body.TopicRouteData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the name server knows: brokers by cluster and name, the queues each broker master holds
 * per topic, and when each broker last registered. All methods are synchronized: the table is
 * small and changes only on registrations.
 */
public final class RouteTable {

    /** One registered broker process. */
    private record LiveBroker(String cluster, String brokerName, long brokerId, Object channel, long lastUpdate) {
    }

    private final Map<String, Map<Long, String>> brokerAddrs = new TreeMap<>();
    private final Map<String, String> clusterOfBroker = new HashMap<>();
    private final Map<String, Map<String, QueueData>> topicQueues = new TreeMap<>();
    private final Map<String, LiveBroker> live = new HashMap<>();

    /**
     * Records a broker's registration. For a master (id 0) the routes of {@code topics} are added
     * or replaced; when {@code complete}, {@code topics} is the broker's whole table and its
     * broker name's routes of other topics are dropped, otherwise they stay (Apache brokers
     * register only the changed topics after a create, and Apache's name server keeps the rest).
     *
     * @param complete whether {@code topics} holds every topic of the broker
     * @param channel  the connection it registered over (closing it unregisters the broker), may be null
     */
    public synchronized void register(String cluster, String brokerName, long brokerId, String brokerAddr,
                                      Map<String, TopicConfig> topics, boolean complete, Object channel, long now) {
        clusterOfBroker.put(brokerName, cluster);
        Map<Long, String> addrs = brokerAddrs.computeIfAbsent(brokerName, n -> new TreeMap<>());
        addrs.values().removeIf(addr -> addr.equals(brokerAddr)); // an address that changed its id
        addrs.put(brokerId, brokerAddr);
        live.put(brokerAddr, new LiveBroker(cluster, brokerName, brokerId, channel, now));
        if (brokerId == 0 && complete) {
            for (Iterator<Map.Entry<String, Map<String, QueueData>>> it = topicQueues.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Map<String, QueueData>> entry = it.next();
                if (!topics.containsKey(entry.getKey())) {
                    entry.getValue().remove(brokerName);
                    if (entry.getValue().isEmpty()) {
                        it.remove();
                    }
                }
            }
        }
        if (brokerId == 0) {
            for (TopicConfig topic : topics.values()) {
                topicQueues.computeIfAbsent(topic.topicName(), t -> new TreeMap<>()).put(brokerName,
                        new QueueData(brokerName, topic.readQueueNums(), topic.writeQueueNums(), topic.perm(),
                                topic.topicSysFlag()));
            }
        }
    }

    /** Refreshes the liveness of a registered broker without changing its topics; false if unknown. */
    public synchronized boolean touch(String brokerAddr, long now) {
        LiveBroker broker = live.get(brokerAddr);
        if (broker == null) {
            return false;
        }
        live.put(brokerAddr, new LiveBroker(broker.cluster, broker.brokerName, broker.brokerId, broker.channel, now));
        return true;
    }

    /** Removes a broker process. */
    public synchronized void unregister(String brokerAddr) {
        LiveBroker broker = live.remove(brokerAddr);
        if (broker == null) {
            return;
        }
        Map<Long, String> addrs = brokerAddrs.get(broker.brokerName);
        if (addrs != null) {
            addrs.values().removeIf(addr -> addr.equals(brokerAddr));
            if (addrs.isEmpty()) {
                brokerAddrs.remove(broker.brokerName);
                clusterOfBroker.remove(broker.brokerName);
            }
        }
        if (broker.brokerId == 0) {
            for (Iterator<Map<String, QueueData>> it = topicQueues.values().iterator(); it.hasNext(); ) {
                Map<String, QueueData> queues = it.next();
                queues.remove(broker.brokerName);
                if (queues.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Removes every broker that registered over {@code connection}; returns their addresses. */
    public synchronized List<String> unregisterConnection(Object connection) {
        List<String> gone = new ArrayList<>();
        live.forEach((addr, broker) -> {
            if (broker.channel != null && broker.channel.equals(connection)) {
                gone.add(addr);
            }
        });
        gone.forEach(this::unregister);
        return gone;
    }

    /** Removes brokers whose last registration is older than {@code maxAgeMillis}; returns their addresses. */
    public synchronized List<String> expire(long now, long maxAgeMillis) {
        List<String> gone = new ArrayList<>();
        live.forEach((addr, broker) -> {
            if (now - broker.lastUpdate > maxAgeMillis) {
                gone.add(addr);
            }
        });
        gone.forEach(this::unregister);
        return gone;
    }

    /** The route of a topic, or null when no live broker holds it. */
    public synchronized TopicRouteData route(String topic) {
        Map<String, QueueData> queues = topicQueues.get(topic);
        if (queues == null || queues.isEmpty()) {
            return null;
        }
        List<BrokerData> brokers = new ArrayList<>();
        for (String brokerName : queues.keySet()) {
            Map<Long, String> addrs = brokerAddrs.get(brokerName);
            if (addrs != null) {
                brokers.add(new BrokerData(clusterOfBroker.get(brokerName), brokerName, new TreeMap<>(addrs)));
            }
        }
        if (brokers.isEmpty()) {
            return null;
        }
        return new TopicRouteData(null, new ArrayList<>(queues.values()), brokers, Map.of());
    }

    public synchronized ClusterInfo clusterInfo() {
        Map<String, BrokerData> brokers = new TreeMap<>();
        Map<String, Set<String>> clusters = new TreeMap<>();
        brokerAddrs.forEach((name, addrs) -> {
            String cluster = clusterOfBroker.get(name);
            brokers.put(name, new BrokerData(cluster, name, new TreeMap<>(addrs)));
            clusters.computeIfAbsent(cluster, c -> new TreeSet<>()).add(name);
        });
        return new ClusterInfo(brokers, clusters);
    }

    public synchronized Set<String> topics() {
        return new TreeSet<>(topicQueues.keySet());
    }

    /** Topics with queues on at least one broker of {@code cluster}; empty for an unknown cluster. */
    public synchronized Set<String> topicsOfCluster(String cluster) {
        Set<String> topics = new TreeSet<>();
        topicQueues.forEach((topic, queues) -> {
            if (queues.keySet().stream().anyMatch(brokerName -> cluster.equals(clusterOfBroker.get(brokerName)))) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /**
     * What Apache's name server calls its system topics: every cluster name and broker name (each
     * broker also serves a topic of its own name there), and the address of one broker, which tools
     * then ask for its own system topics. The address is null when no broker is registered.
     */
    public synchronized TopicList systemTopics() {
        Set<String> names = new TreeSet<>();
        brokerAddrs.keySet().forEach(brokerName -> {
            names.add(brokerName);
            names.add(clusterOfBroker.get(brokerName));
        });
        String anyBroker = brokerAddrs.values().stream().filter(addrs -> !addrs.isEmpty())
                .map(addrs -> addrs.values().iterator().next()).findFirst().orElse(null);
        return new TopicList(names, anyBroker);
    }

    /** Removes a topic from routes (of one cluster's brokers, or everywhere if {@code cluster} is null). */
    public synchronized void deleteTopic(String topic, String cluster) {
        Map<String, QueueData> queues = topicQueues.get(topic);
        if (queues == null) {
            return;
        }
        if (cluster == null || cluster.isEmpty()) {
            topicQueues.remove(topic);
            return;
        }
        queues.keySet().removeIf(brokerName -> cluster.equals(clusterOfBroker.get(brokerName)));
        if (queues.isEmpty()) {
            topicQueues.remove(topic);
        }
    }
}
