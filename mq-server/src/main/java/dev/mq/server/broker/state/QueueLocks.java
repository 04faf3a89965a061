package dev.mq.server.broker.state;

import dev.mq.protocol.body.MessageQueue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which client holds each queue of each consumer group, for orderly consumption. A lock lasts
 * {@code expiryMillis} unless its holder renews it; an expired lock can be taken by another client.
 */
public final class QueueLocks {

    private record Holder(String clientId, long lastRenewed) {
    }

    private final long expiryMillis;
    private final Map<String, Map<MessageQueue, Holder>> locks = new HashMap<>();

    public QueueLocks(long expiryMillis) {
        this.expiryMillis = expiryMillis;
    }

    /** Locks (or renews) what it can of {@code queues} for {@code clientId}; returns the queues it now holds. */
    public synchronized Set<MessageQueue> lock(String group, Set<MessageQueue> queues, String clientId, long now) {
        Map<MessageQueue, Holder> groupLocks = locks.computeIfAbsent(group, g -> new HashMap<>());
        Set<MessageQueue> held = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            Holder holder = groupLocks.get(queue);
            if (holder == null || holder.clientId.equals(clientId) || now - holder.lastRenewed > expiryMillis) {
                groupLocks.put(queue, new Holder(clientId, now));
                held.add(queue);
            }
        }
        return held;
    }

    /** Releases the queues {@code clientId} holds. */
    public synchronized void unlock(String group, Set<MessageQueue> queues, String clientId) {
        Map<MessageQueue, Holder> groupLocks = locks.get(group);
        if (groupLocks == null) {
            return;
        }
        for (MessageQueue queue : queues) {
            Holder holder = groupLocks.get(queue);
            if (holder != null && holder.clientId.equals(clientId)) {
                groupLocks.remove(queue);
            }
        }
    }

    /** Whether some live lock of the group is held by {@code clientId}. */
    public synchronized boolean holdsAny(String group, String clientId, long now) {
        Map<MessageQueue, Holder> groupLocks = locks.get(group);
        return groupLocks != null && groupLocks.values().stream()
                .anyMatch(h -> h.clientId.equals(clientId) && now - h.lastRenewed <= expiryMillis);
    }
}
