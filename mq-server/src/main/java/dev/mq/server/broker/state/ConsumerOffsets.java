package dev.mq.server.broker.state;

import dev.mq.store.state.JsonStateFile;

import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Committed consumer offsets: for each {@code topic@group}, the next offset to consume per queue.
 * Kept in memory, written to {@code config/offsets.json} periodically and at shutdown.
 */
public final class ConsumerOffsets {

    private final Map<String, Map<Integer, Long>> offsets = new ConcurrentHashMap<>();
    private final JsonStateFile<Map<String, Map<Integer, Long>>> file;

    public ConsumerOffsets(Path configDir) {
        this.file = new JsonStateFile<>(configDir.resolve("offsets.json"), new TypeReference<>() { });
        file.read().ifPresent(stored -> stored.forEach((key, queues) -> offsets.put(key, new ConcurrentHashMap<>(queues))));
    }

    private static String key(String topic, String group) {
        return topic + "@" + group;
    }

    public void commit(String group, String topic, int queueId, long offset) {
        offsets.computeIfAbsent(key(topic, group), k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** The committed offset, or -1 if the group never committed one for this queue. */
    public long query(String group, String topic, int queueId) {
        Map<Integer, Long> queues = offsets.get(key(topic, group));
        Long offset = queues == null ? null : queues.get(queueId);
        return offset == null ? -1 : offset;
    }

    /** Every queue offset of a group for a topic (empty if none). */
    public Map<Integer, Long> queryAll(String group, String topic) {
        Map<Integer, Long> queues = offsets.get(key(topic, group));
        return queues == null ? Map.of() : new TreeMap<>(queues);
    }

    /** Topics a group has offsets for. */
    public java.util.Set<String> topicsOf(String group) {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        String suffix = "@" + group;
        for (String key : offsets.keySet()) {
            if (key.endsWith(suffix)) {
                topics.add(key.substring(0, key.length() - suffix.length()));
            }
        }
        return topics;
    }

    /** Groups that have offsets for a topic. */
    public java.util.Set<String> groupsOf(String topic) {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        String prefix = topic + "@";
        for (String key : offsets.keySet()) {
            if (key.startsWith(prefix)) {
                groups.add(key.substring(prefix.length()));
            }
        }
        return groups;
    }

    public void removeTopic(String topic) {
        offsets.keySet().removeIf(key -> key.startsWith(topic + "@"));
    }

    public void removeGroup(String group) {
        offsets.keySet().removeIf(key -> key.endsWith("@" + group));
    }

    /** Writes all offsets atomically. */
    public void persist() {
        Map<String, Map<Integer, Long>> snapshot = new TreeMap<>();
        offsets.forEach((key, queues) -> snapshot.put(key, new TreeMap<>(queues)));
        file.write(snapshot);
    }

    /** A copy of every committed offset, keyed {@code topic@group}. */
    public Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        offsets.forEach((key, queues) -> copy.put(key, new TreeMap<>(queues)));
        return copy;
    }
}
