package dev.mq.samples.orderstatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * Each order's statuses in the order they were applied. An in-memory view, enough for the sample; a
 * real service would update its database here.
 */
@Component
public class StatusBoard {

    private final Map<String, List<String>> history = new ConcurrentHashMap<>();

    /** Appends a status to the order's history. */
    public void apply(StatusChange change) {
        history.computeIfAbsent(change.orderId(), id -> new CopyOnWriteArrayList<>()).add(change.status());
    }

    /** The order's statuses so far, oldest first (empty for an unknown order). */
    public List<String> history(String orderId) {
        return List.copyOf(history.getOrDefault(orderId, List.of()));
    }
}
