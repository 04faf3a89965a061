package dev.mq.server.broker.state;

import dev.mq.message.TopicNames;
import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.store.StoreException;

import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's topics, persisted in {@code config/topics.json} and its journal
 * ({@link JournaledStateMap}): a change is in memory at once and durable when its future
 * completes; many changes share one fsync. The data version counts changes so the name server can
 * tell a new table from a repeated one, and the table remembers which topics changed since the
 * registrar last asked ({@link #takeChanges()}), so a registration can carry only those.
 */
public final class TopicTable implements AutoCloseable {

    private final Map<String, TopicConfig> topics = new ConcurrentHashMap<>();
    private final JournaledStateMap<TopicConfig> file;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();
    private volatile long changedAt;
    private Set<String> changedSinceTaken = new HashSet<>(); // guarded by this
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null); // guarded by this

    public TopicTable(Path configDir, Clock clock, boolean autoCreate, int templateQueues) {
        this.clock = clock;
        this.file = new JournaledStateMap<>(configDir, "topics", new TypeReference<Map<String, TopicConfig>>() { },
                TopicConfig.class);
        topics.putAll(file.loaded());
        if (autoCreate) {
            topics.put(TopicNames.AUTO_CREATE_TEMPLATE, TopicConfig.of(TopicNames.AUTO_CREATE_TEMPLATE, templateQueues,
                    Permissions.READ_WRITE | Permissions.INHERIT));
        } else {
            topics.remove(TopicNames.AUTO_CREATE_TEMPLATE);
        }
        changedAt = clock.millis();
        version.set(changedAt);
    }

    /**
     * The result of a change: whether the table changed, and a future completing when the table
     * as it is now is on disk (writes complete in the order they were queued, so an unchanged
     * table waits for the last write queued before it).
     */
    public record Update(boolean changed, CompletableFuture<Void> durable) {
    }

    public TopicConfig get(String topic) {
        return topics.get(topic);
    }

    /** Creates or replaces a topic without waiting for the disk; see {@link Update}. */
    public synchronized Update update(TopicConfig config) {
        TopicConfig previous = topics.put(config.topicName(), config);
        if (config.equals(previous)) {
            return new Update(false, lastWrite);
        }
        return new Update(true, changed(config.topicName(), config));
    }

    /** Creates or replaces a topic and waits until it is on disk; returns true if the table changed. */
    public boolean put(TopicConfig config) {
        Update update = update(config);
        awaitDurable(update.durable());
        return update.changed();
    }

    /**
     * Returns the existing topic or creates it from {@code config} (waiting until it is on disk); the
     * second element says whether it was created.
     */
    public Created createIfAbsent(TopicConfig config) {
        CompletableFuture<Void> durable;
        synchronized (this) {
            TopicConfig existing = topics.get(config.topicName());
            if (existing != null) {
                return new Created(existing, false);
            }
            topics.put(config.topicName(), config);
            durable = changed(config.topicName(), config);
        }
        awaitDurable(durable);
        return new Created(config, true);
    }

    /** The result of {@link #createIfAbsent}. */
    public record Created(TopicConfig topic, boolean created) {
    }

    /** Deletes a topic and waits until that is on disk; false if there was no such topic. */
    public boolean delete(String topic) {
        CompletableFuture<Void> durable;
        synchronized (this) {
            if (topics.remove(topic) == null) {
                return false;
            }
            durable = changed(topic, null);
        }
        awaitDurable(durable);
        return true;
    }

    /** A sorted snapshot. */
    public Map<String, TopicConfig> all() {
        return new TreeMap<>(topics);
    }

    /** The number of topics (the auto-create template included when there is one). */
    public int size() {
        return topics.size();
    }

    /** The change counter and the time of the last change (the same until the table changes). */
    public DataVersion dataVersion() {
        return new DataVersion(version.get(), 0, changedAt);
    }

    /**
     * The topics created or changed since the previous {@code takeChanges} or {@link #takeAll},
     * whether any was deleted, and the version of the table that includes them.
     */
    public record Changes(Map<String, TopicConfig> changed, boolean anyDeleted, DataVersion version) {
    }

    /** Takes the changes made since the previous call or {@link #takeAll}. */
    public synchronized Changes takeChanges() {
        Map<String, TopicConfig> changed = new TreeMap<>();
        boolean anyDeleted = false;
        for (String topic : changedSinceTaken) {
            TopicConfig config = topics.get(topic);
            if (config == null) {
                anyDeleted = true;
            } else {
                changed.put(topic, config);
            }
        }
        changedSinceTaken = new HashSet<>();
        return new Changes(changed, anyDeleted, dataVersion());
    }

    /** The whole table with its version; also takes the changes (they are in it). */
    public synchronized Changes takeAll() {
        changedSinceTaken = new HashSet<>();
        return new Changes(new TreeMap<>(topics), false, dataVersion());
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        file.close();
    }

    /** The writer, for tests that count what it wrote. */
    JournaledStateMap<TopicConfig> file() {
        return file;
    }

    private CompletableFuture<Void> changed(String topic, TopicConfig config) {
        changedAt = clock.millis();
        version.incrementAndGet();
        changedSinceTaken.add(topic);
        if (TopicNames.AUTO_CREATE_TEMPLATE.equals(topic)) {
            return lastWrite; // rebuilt from the settings at every start, never persisted
        }
        lastWrite = config == null ? file.remove(topic) : file.put(topic, config);
        return lastWrite;
    }

    /** Waits for a write; its failure is rethrown as the writer reported it. */
    static void awaitDurable(CompletableFuture<Void> durable) {
        try {
            durable.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
