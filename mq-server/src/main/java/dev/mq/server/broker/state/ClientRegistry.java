package dev.mq.server.broker.state;

import dev.mq.protocol.Connection;
import dev.mq.protocol.body.HeartbeatData.ConsumerData;
import dev.mq.protocol.body.HeartbeatData.SubscriptionData;
import dev.mq.protocol.body.HeartbeatData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Producers and consumers known from heartbeats, by group and connection. A consumer group keeps
 * the subscriptions of its latest heartbeat. Synchronized: heartbeats arrive every 30 s per
 * client, so contention is negligible.
 */
public final class ClientRegistry {

    /**
     * One client connection of a group.
     *
     * @param language the client's language as its heartbeat said ({@code JAVA}, {@code CPP}, ...)
     * @param version  the client's version as its heartbeat said: Apache's MQVersion ordinal (V5_5_0 = 499)
     */
    public record Member(String clientId, Connection connection, String language, int version, long lastHeartbeat) {
    }

    /** What a consumer group looks like now. */
    public record ConsumerGroup(String name, String consumeType, String messageModel, String consumeFromWhere,
                                Map<String, SubscriptionData> subscriptions, List<Member> members) {

        public boolean broadcasting() {
            return "BROADCASTING".equals(messageModel);
        }
    }

    private static final class GroupState {
        String consumeType;
        String messageModel;
        String consumeFromWhere;
        final Map<String, SubscriptionData> subscriptions = new HashMap<>();
        final Map<Connection, Member> members = new HashMap<>();
    }

    private final Map<String, GroupState> consumers = new HashMap<>();
    private final Map<String, Map<Connection, Member>> producers = new HashMap<>();

    /**
     * Applies a heartbeat sent over {@code connection} by a client of {@code language} and
     * {@code version} (the heartbeat command's own fields). Returns the consumer groups whose
     * membership or subscriptions changed (their members must be told to rebalance).
     */
    public synchronized Set<String> heartbeat(Connection connection, HeartbeatData heartbeat, String language,
                                              int version, long now) {
        Set<String> changed = new TreeSet<>();
        Member member = new Member(heartbeat.clientId(), connection, language, version, now);
        for (HeartbeatData.ProducerData producer : heartbeat.producerDataSet()) {
            producers.computeIfAbsent(producer.groupName(), g -> new HashMap<>()).put(connection, member);
        }
        for (ConsumerData consumer : heartbeat.consumerDataSet()) {
            GroupState group = consumers.computeIfAbsent(consumer.groupName(), g -> new GroupState());
            group.consumeType = consumer.consumeType();
            group.messageModel = consumer.messageModel();
            group.consumeFromWhere = consumer.consumeFromWhere();
            Map<String, SubscriptionData> subscriptions = new HashMap<>();
            for (SubscriptionData subscription : consumer.subscriptionDataSet()) {
                subscriptions.put(subscription.topic(), subscription);
            }
            if (!sameSubscriptions(group.subscriptions, subscriptions)) {
                group.subscriptions.clear();
                group.subscriptions.putAll(subscriptions);
                changed.add(consumer.groupName());
            }
            Member previous = group.members.put(connection, member);
            if (previous == null) {
                changed.add(consumer.groupName());
            }
        }
        return changed;
    }

    private static boolean sameSubscriptions(Map<String, SubscriptionData> a, Map<String, SubscriptionData> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, SubscriptionData> entry : a.entrySet()) {
            SubscriptionData other = b.get(entry.getKey());
            if (!java.util.Objects.equals(entry.getValue().subString(), other.subString())
                    || !java.util.Objects.equals(entry.getValue().expressionType(), other.expressionType())) {
                return false;
            }
        }
        return true;
    }

    /** Removes a client from a consumer and/or producer group; returns the consumer group if it changed. */
    public synchronized Set<String> unregister(Connection connection, String producerGroup, String consumerGroup) {
        if (producerGroup != null) {
            Map<Connection, Member> members = producers.get(producerGroup);
            if (members != null) {
                members.remove(connection);
                if (members.isEmpty()) {
                    producers.remove(producerGroup);
                }
            }
        }
        Set<String> changed = new TreeSet<>();
        if (consumerGroup != null) {
            GroupState group = consumers.get(consumerGroup);
            if (group != null && group.members.remove(connection) != null) {
                changed.add(consumerGroup);
                if (group.members.isEmpty()) {
                    consumers.remove(consumerGroup);
                }
            }
        }
        return changed;
    }

    /** Removes a closed connection everywhere; returns the consumer groups that lost a member. */
    public synchronized Set<String> connectionClosed(Connection connection) {
        Set<String> changed = new TreeSet<>();
        producers.values().forEach(members -> members.remove(connection));
        producers.values().removeIf(Map::isEmpty);
        consumers.forEach((name, group) -> {
            if (group.members.remove(connection) != null) {
                changed.add(name);
            }
        });
        consumers.values().removeIf(group -> group.members.isEmpty());
        return changed;
    }

    /** Connections without a heartbeat for longer than {@code maxAgeMillis}. */
    public synchronized Set<Connection> expired(long now, long maxAgeMillis) {
        Set<Connection> stale = new HashSet<>();
        producers.values().forEach(members -> members.values().forEach(m -> {
            if (now - m.lastHeartbeat() > maxAgeMillis) {
                stale.add(m.connection());
            }
        }));
        consumers.values().forEach(group -> group.members.values().forEach(m -> {
            if (now - m.lastHeartbeat() > maxAgeMillis) {
                stale.add(m.connection());
            }
        }));
        return stale;
    }

    /** The consumer group, or null if no member is connected. */
    public synchronized ConsumerGroup consumerGroup(String name) {
        GroupState group = consumers.get(name);
        if (group == null) {
            return null;
        }
        List<Member> members = new ArrayList<>(group.members.values());
        members.sort(java.util.Comparator.comparing(Member::clientId));
        return new ConsumerGroup(name, group.consumeType, group.messageModel, group.consumeFromWhere,
                Map.copyOf(group.subscriptions), members);
    }

    /** Client ids of a consumer group, sorted; empty if none. */
    public synchronized List<String> consumerIds(String group) {
        GroupState state = consumers.get(group);
        if (state == null) {
            return List.of();
        }
        return state.members.values().stream().map(Member::clientId).distinct().sorted().toList();
    }

    /** Names of the consumer groups that subscribe to {@code topic}. */
    public synchronized Set<String> groupsSubscribing(String topic) {
        Set<String> groups = new TreeSet<>();
        consumers.forEach((name, group) -> {
            if (group.subscriptions.containsKey(topic)) {
                groups.add(name);
            }
        });
        return groups;
    }

    public synchronized Set<String> consumerGroups() {
        return new TreeSet<>(consumers.keySet());
    }

    /** The online member of consumer group {@code group} with client id {@code clientId}, or null. */
    public synchronized Member consumer(String group, String clientId) {
        GroupState state = consumers.get(group);
        if (state == null) {
            return null;
        }
        return state.members.values().stream()
                .filter(m -> m.clientId().equals(clientId) && m.connection().isActive()).findFirst().orElse(null);
    }

    /** The members of a producer group, sorted by client id; empty if none is connected. */
    public synchronized List<Member> producers(String group) {
        Map<Connection, Member> members = producers.get(group);
        if (members == null) {
            return List.of();
        }
        List<Member> sorted = new ArrayList<>(members.values());
        sorted.sort(java.util.Comparator.comparing(Member::clientId));
        return sorted;
    }

    /** A live connection of a producer group, or null. */
    public synchronized Connection anyProducer(String group) {
        Map<Connection, Member> members = producers.get(group);
        if (members == null) {
            return null;
        }
        return members.keySet().stream().filter(Connection::isActive).findFirst().orElse(null);
    }
}
