package dev.mq.client.internal.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The name server's view of the clusters (GET_BROKER_CLUSTER_INFO): every broker name with its
 * cluster and member addresses. Immutable.
 */
final class ClusterSnapshot {

    /**
     * One broker name.
     *
     * @param name    the broker name
     * @param cluster its cluster ("" when the name server did not say)
     * @param members {@code host:port} by broker id, 0 being the master
     */
    record Broker(String name, String cluster, Map<Long, String> members) {

        /** The master's address, or null. */
        String master() {
            return members.get(0L);
        }
    }

    private final Map<String, Broker> brokers;

    private ClusterSnapshot(Map<String, Broker> brokers) {
        this.brokers = Collections.unmodifiableMap(brokers);
    }

    /**
     * Reads a ClusterInfo body: {@code {"brokerAddrTable":{name:{"cluster","brokerName","brokerAddrs":{0:"addr"}}},
     * "clusterAddrTable":{cluster:[names]}}} (Apache writes the broker ids as bare numbers).
     */
    static ClusterSnapshot read(byte[] body) {
        JsonObject info = LenientJson.parseObject(body);
        Map<String, String> clusterOf = new TreeMap<>();
        for (Map.Entry<Object, Object> cluster : info.objectOrEmpty("clusterAddrTable").members().entrySet()) {
            if (cluster.getValue() instanceof List<?> names) {
                for (Object name : names) {
                    clusterOf.put(String.valueOf(name), String.valueOf(cluster.getKey()));
                }
            }
        }
        Map<String, Broker> brokers = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : info.objectOrEmpty("brokerAddrTable").members().entrySet()) {
            if (!(entry.getValue() instanceof JsonObject data)) {
                continue;
            }
            String name = data.string("brokerName") != null ? data.string("brokerName") : String.valueOf(entry.getKey());
            Map<Long, String> members = new TreeMap<>();
            for (Map.Entry<Object, Object> member : data.objectOrEmpty("brokerAddrs").members().entrySet()) {
                Long id = JsonObject.toLong(member.getKey());
                String address = JsonObject.text(member.getValue());
                if (id != null && address != null) {
                    members.put(id, address);
                }
            }
            String cluster = data.string("cluster") != null ? data.string("cluster") : clusterOf.getOrDefault(name, "");
            brokers.put(name, new Broker(name, cluster, Collections.unmodifiableMap(members)));
        }
        return new ClusterSnapshot(brokers);
    }

    /** Every broker name, sorted. */
    Map<String, Broker> brokers() {
        return brokers;
    }

    /** One broker name, or null. */
    Broker broker(String name) {
        return brokers.get(name);
    }

    /** The masters (one target per broker name that has one), by broker name. */
    List<Target> masters() {
        List<Target> masters = new ArrayList<>();
        for (Broker broker : brokers.values()) {
            if (broker.master() != null) {
                masters.add(new Target(broker.name(), broker.master()));
            }
        }
        return masters;
    }

    /** The masters of the brokers of one cluster. */
    List<Target> masters(String cluster) {
        return masters().stream().filter(t -> cluster.equals(brokers.get(t.broker()).cluster())).toList();
    }

    /** The master of a broker name, or null. */
    Target master(String brokerName) {
        Broker broker = brokers.get(brokerName);
        return broker == null || broker.master() == null ? null : new Target(brokerName, broker.master());
    }

    /** The broker name one of whose members has this address, or null. */
    String brokerAt(String address) {
        for (Broker broker : brokers.values()) {
            if (broker.members().containsValue(address)) {
                return broker.name();
            }
        }
        return null;
    }

    /** Cluster names and broker names: Apache registers a topic of each name. */
    Set<String> clusterAndBrokerNames() {
        Set<String> names = new TreeSet<>(brokers.keySet());
        for (Broker broker : brokers.values()) {
            if (!broker.cluster().isEmpty()) {
                names.add(broker.cluster());
            }
        }
        return names;
    }
}
