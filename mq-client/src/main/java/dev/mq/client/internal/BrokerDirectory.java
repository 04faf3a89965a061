package dev.mq.client.internal;

import dev.mq.protocol.body.BrokerData;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every broker the client's routes name, by broker name, with its members' addresses (broker id 0
 * is the master). Rebuilt by {@link Routes} whenever a route changes; reads are lock-free snapshots.
 * Thread-safe.
 */
public final class BrokerDirectory {

    private volatile Map<String, BrokerData> brokers = Map.of();

    /**
     * Replaces the directory by the brokers of {@code routes} (a broker in several routes: the last
     * one wins) and returns the addresses that were not known before.
     */
    synchronized Set<String> rebuild(Collection<TopicRoute> routes) {
        Set<String> before = addresses();
        Map<String, BrokerData> next = new HashMap<>();
        for (TopicRoute route : routes) {
            next.putAll(route.brokers());
        }
        brokers = Map.copyOf(next);
        Set<String> added = addresses();
        added.removeAll(before);
        return added;
    }

    /** The brokers by name. */
    public Map<String, BrokerData> brokers() {
        return brokers;
    }

    /** The master's address of {@code brokerName}, or null when no route lists one. */
    public String masterAddress(String brokerName) {
        BrokerData broker = brokers.get(brokerName);
        return broker == null || broker.brokerAddrs() == null ? null : broker.brokerAddrs().get(TopicRoute.MASTER_ID);
    }

    /** The addresses of every member (masters and replicas) of every known broker. */
    public Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (BrokerData broker : brokers.values()) {
            if (broker.brokerAddrs() != null) {
                addresses.addAll(broker.brokerAddrs().values());
            }
        }
        return addresses;
    }

    /** The masters' addresses of every known broker. */
    public Set<String> masterAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (String name : brokers.keySet()) {
            String master = masterAddress(name);
            if (master != null) {
                addresses.add(master);
            }
        }
        return addresses;
    }
}
