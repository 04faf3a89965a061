package dev.mq.server.broker.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Message counters per topic: stored (in) and delivered by pulls (out). Cheap to update from
 * any thread; listeners hear about each topic once, the first time it is counted (the server
 * registers a metric for it then).
 */
public final class BrokerStats {

    private final Map<String, LongAdder> in = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> out = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> newTopicListeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> known = ConcurrentHashMap.newKeySet();

    void recordIn(String topic, int messages) {
        counter(in, topic).add(messages);
    }

    void recordOut(String topic, int messages) {
        counter(out, topic).add(messages);
    }

    private LongAdder counter(Map<String, LongAdder> counters, String topic) {
        LongAdder adder = counters.get(topic);
        if (adder != null) {
            return adder;
        }
        adder = counters.computeIfAbsent(topic, t -> new LongAdder());
        if (known.add(topic)) {
            newTopicListeners.forEach(listener -> listener.accept(topic));
        }
        return adder;
    }

    /** Called once per topic, when it is first counted (and for topics already counted, at once). */
    public void onNewTopic(Consumer<String> listener) {
        newTopicListeners.add(listener);
        new java.util.TreeSet<>(known).forEach(listener);
    }

    public long messagesIn(String topic) {
        LongAdder adder = in.get(topic);
        return adder == null ? 0 : adder.sum();
    }

    public long messagesOut(String topic) {
        LongAdder adder = out.get(topic);
        return adder == null ? 0 : adder.sum();
    }
}
