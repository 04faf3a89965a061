package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.internal.Invoker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Offsets of a clustering group, kept by the brokers: read with QUERY_CONSUMER_OFFSET, stored with
 * UPDATE_CONSUMER_OFFSET (two-way, so that a failure is seen and logged). An offset that did not
 * change since it was last stored is not sent again.
 */
final class BrokerOffsetStore implements OffsetStore {

    private static final System.Logger LOG = System.getLogger(BrokerOffsetStore.class.getName());

    private final ConsumerRequests requests;
    private final Duration timeout;
    private final ConcurrentMap<MessageQueue, Long> stored = new ConcurrentHashMap<>();

    BrokerOffsetStore(ConsumerRequests requests) {
        this.requests = requests;
        this.timeout = requests.core().settings().requestTimeout();
    }

    @Override
    public long read(MessageQueue queue) {
        long offset = requests.committedOffset(queue, false);
        if (offset >= 0) {
            stored.put(queue, offset);
        }
        return offset;
    }

    @Override
    public void persist(Map<MessageQueue, Long> offsets, boolean wait) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Map.Entry<MessageQueue, Long> entry : offsets.entrySet()) {
            MessageQueue queue = entry.getKey();
            long offset = entry.getValue();
            if (offset < 0 || Long.valueOf(offset).equals(stored.get(queue))) {
                continue;
            }
            sent.add(requests.commit(queue, offset).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "group {0}: committing offset {1} of {2} failed; trying again at the "
                            + "next commit: {3}", requests.group(), offset, queue, Invoker.unwrap(error).getMessage());
                } else {
                    stored.merge(queue, offset, (old, now) -> now);
                }
            }));
        }
        if (wait && !sent.isEmpty()) {
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // each failure was logged above
            }
        }
    }

    @Override
    public void assume(MessageQueue queue, long offset) {
        stored.put(queue, offset);
    }
}
