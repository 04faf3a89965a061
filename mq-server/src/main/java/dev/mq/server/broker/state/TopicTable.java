package dev.mq.server.broker.state;

import dev.mq.message.TopicNames;
import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.store.state.JsonStateFile;

import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's topics, persisted in {@code config/topics.json} on every change. The data version
 * counts changes so the name server can tell a new table from a repeated one.
 */
public final class TopicTable {


    private final Map<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final JsonStateFile<Map<String, TopicConfig>> file;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    public TopicTable(Path configDir, Clock clock, boolean autoCreate, int templateQueues) {
        this.clock = clock;
        this.file = new JsonStateFile<>(configDir.resolve("topics.json"), new TypeReference<>() { });
        file.read().ifPresent(topics::putAll);
        if (autoCreate) {
            topics.put(TopicNames.AUTO_CREATE_TEMPLATE, TopicConfig.of(TopicNames.AUTO_CREATE_TEMPLATE, templateQueues,
                    Permissions.READ_WRITE | Permissions.INHERIT));
        } else {
            topics.remove(TopicNames.AUTO_CREATE_TEMPLATE);
        }
        version.set(clock.millis());
    }

    public TopicConfig get(String topic) {
        return topics.get(topic);
    }

    /** Creates or replaces a topic; returns true if the table changed. */
    public synchronized boolean put(TopicConfig config) {
        TopicConfig previous = topics.put(config.topicName(), config);
        if (config.equals(previous)) {
            return false;
        }
        changed();
        return true;
    }

    /** Returns the existing topic or creates it from {@code config}; the second element says whether it was created. */
    public synchronized Created createIfAbsent(TopicConfig config) {
        TopicConfig existing = topics.get(config.topicName());
        if (existing != null) {
            return new Created(existing, false);
        }
        topics.put(config.topicName(), config);
        changed();
        return new Created(config, true);
    }

    /** The result of {@link #createIfAbsent}. */
    public record Created(TopicConfig topic, boolean created) {
    }

    public synchronized boolean delete(String topic) {
        if (topics.remove(topic) == null) {
            return false;
        }
        changed();
        return true;
    }

    /** A sorted snapshot. */
    public Map<String, TopicConfig> all() {
        return new TreeMap<>(topics);
    }

    public DataVersion dataVersion() {
        return new DataVersion(version.get(), 0, clock.millis());
    }

    private void changed() {
        version.incrementAndGet();
        Map<String, TopicConfig> persisted = new TreeMap<>(topics);
        persisted.remove(TopicNames.AUTO_CREATE_TEMPLATE);
        file.write(persisted);
    }
}
