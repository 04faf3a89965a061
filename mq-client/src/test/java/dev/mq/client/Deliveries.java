package dev.mq.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a test's listeners received: every delivery, in order, by message id too. Thread-safe. */
final class Deliveries {

    private final List<ReceivedMessage> all = new CopyOnWriteArrayList<>();
    private final Map<String, List<ReceivedMessage>> byId = new ConcurrentHashMap<>();

    /** Records {@code messages} and answers SUCCESS: a listener that takes everything. */
    ConsumeResult take(List<ReceivedMessage> messages) {
        record(messages);
        return ConsumeResult.SUCCESS;
    }

    void record(List<ReceivedMessage> messages) {
        for (ReceivedMessage message : messages) {
            all.add(message);
            byId.computeIfAbsent(message.messageId(), id -> new CopyOnWriteArrayList<>()).add(message);
        }
    }

    /** Every delivery in arrival order. */
    List<ReceivedMessage> all() {
        return List.copyOf(all);
    }

    /** The distinct message ids delivered. */
    Set<String> ids() {
        return new HashSet<>(byId.keySet());
    }

    /** How many deliveries in all. */
    int count() {
        return all.size();
    }

    /** The deliveries of one message id. */
    List<ReceivedMessage> of(String messageId) {
        return byId.getOrDefault(messageId, List.of());
    }

    /** Ids delivered more than once. */
    Set<String> duplicates() {
        Set<String> duplicates = new HashSet<>();
        byId.forEach((id, deliveries) -> {
            if (deliveries.size() > 1) {
                duplicates.add(id);
            }
        });
        return duplicates;
    }

    /** The bodies delivered, as text, in arrival order. */
    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (ReceivedMessage message : all) {
            bodies.add(new String(message.body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    static Set<String> ids(List<SendResult> sent) {
        Set<String> ids = new HashSet<>();
        for (SendResult result : sent) {
            ids.add(result.messageId());
        }
        return ids;
    }
}
