package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.MqException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The broker queue locks of an orderly consumer in clustering mode: a queue is only taken, pulled
 * and consumed while this client holds its lock (LOCK_BATCH_MQ on the queue's broker). Locks are
 * renewed every relock interval; the client trusts a lock for {@link #CLIENT_LOCK_TTL} after it was
 * last confirmed (brokers keep it for 60 s), and releases it (UNLOCK_BATCH_MQ) when it gives a queue
 * up or closes. Blocking; used on consumer threads. Thread-safe.
 */
final class OrderlyLocks {

    private static final System.Logger LOG = System.getLogger(OrderlyLocks.class.getName());
    /** How long the client trusts a lock after the broker last confirmed it. */
    static final Duration CLIENT_LOCK_TTL = Duration.ofSeconds(30);

    private final ConsumerRequests requests;

    OrderlyLocks(ConsumerRequests requests) {
        this.requests = requests;
    }

    /** Locks {@code queues}, broker by broker; returns those this client now holds (failures logged). */
    Set<MessageQueue> lock(Collection<MessageQueue> queues) {
        Set<MessageQueue> locked = new HashSet<>();
        for (Map.Entry<String, List<MessageQueue>> broker : byBroker(queues).entrySet()) {
            try {
                locked.addAll(requests.lock(broker.getKey(), broker.getValue()));
            } catch (MqException e) {
                LOG.log(Level.WARNING, "group {0}: cannot lock {1}: {2}", requests.group(), broker.getValue(),
                        e.getMessage());
            }
        }
        return locked;
    }

    /** Renews the locks of {@code queues} and records the outcome in each. */
    void renew(Collection<ProcessQueue> queues) {
        List<MessageQueue> wanted = new ArrayList<>();
        for (ProcessQueue queue : queues) {
            if (!queue.isDropped()) {
                wanted.add(queue.queue());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Set<MessageQueue> locked = lock(wanted);
        for (ProcessQueue queue : queues) {
            boolean held = locked.contains(queue.queue());
            if (!held && queue.isLocked()) {
                LOG.log(Level.WARNING, "group {0}: lost the lock of {1}; its consumption pauses until it is locked "
                        + "again", requests.group(), queue.queue());
            }
            queue.setLocked(held);
        }
    }

    /** Whether {@code queue} may be consumed now: its lock is fresh, or could be taken again just now. */
    boolean holds(ProcessQueue queue) {
        if (queue.isLockValid(CLIENT_LOCK_TTL.toMillis())) {
            return true;
        }
        queue.setLocked(lock(List.of(queue.queue())).contains(queue.queue()));
        return queue.isLockValid(CLIENT_LOCK_TTL.toMillis());
    }

    /** Releases the locks of {@code queues} (failures logged: the broker lets them expire). */
    void unlock(Collection<MessageQueue> queues) {
        for (Map.Entry<String, List<MessageQueue>> broker : byBroker(queues).entrySet()) {
            try {
                requests.unlock(broker.getKey(), broker.getValue());
            } catch (MqException e) {
                LOG.log(Level.WARNING, "group {0}: cannot unlock {1}; the broker releases them when they expire: {2}",
                        requests.group(), broker.getValue(), e.getMessage());
            }
        }
    }

    private static Map<String, List<MessageQueue>> byBroker(Collection<MessageQueue> queues) {
        Map<String, List<MessageQueue>> byBroker = new TreeMap<>();
        for (MessageQueue queue : queues) {
            byBroker.computeIfAbsent(queue.brokerName(), name -> new ArrayList<>()).add(queue);
        }
        return byBroker;
    }
}
