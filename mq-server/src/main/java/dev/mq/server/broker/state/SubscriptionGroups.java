package dev.mq.server.broker.state;

import dev.mq.message.Validation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer-group settings, created on first use, persisted in {@code config/subscriptions.json} and
 * its journal ({@link JournaledStateMap}).
 */
public final class SubscriptionGroups implements AutoCloseable {

    /**
     * One group's settings (field names as RocketMQ's admin tools use them).
     *
     * @param retryQueueNums queues of the group's retry topic (1)
     * @param retryMaxTimes  deliveries before a message goes to the dead-letter queue (16)
     * @param groupRetryPolicy the retry back-off (null: the classic delay levels), see {@link GroupRetryPolicy}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(String groupName, boolean consumeEnable, boolean consumeBroadcastEnable,
                        int retryQueueNums, int retryMaxTimes, boolean consumeMessageOrderly,
                        GroupRetryPolicy groupRetryPolicy) {

        public Group(String groupName, boolean consumeEnable, boolean consumeBroadcastEnable, int retryQueueNums,
                     int retryMaxTimes, boolean consumeMessageOrderly) {
            this(groupName, consumeEnable, consumeBroadcastEnable, retryQueueNums, retryMaxTimes,
                    consumeMessageOrderly, null);
        }

        public static Group defaults(String name) {
            return new Group(name, true, true, 1, 16, false);
        }

        /** Whether these settings, as an admin sent them, are usable, and if not, why. */
        public Validation check() {
            if (groupName == null || groupName.isBlank()) {
                return Validation.invalid("groupName is empty");
            }
            if (retryMaxTimes < 0) {
                return Validation.invalid("retryMaxTimes must not be negative but was " + retryMaxTimes);
            }
            return groupRetryPolicy == null ? Validation.valid() : groupRetryPolicy.check("groupRetryPolicy");
        }
    }

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final JournaledStateMap<Group> file;

    public SubscriptionGroups(Path configDir) {
        this.file = new JournaledStateMap<>(configDir, "subscriptions", new TypeReference<Map<String, Group>>() { },
                Group.class);
        groups.putAll(file.loaded());
    }

    /**
     * The group, created with defaults if it does not exist yet. The creation is written in the
     * background (a failure is logged by the writer): defaults lost in a crash are created again
     * at the group's next use.
     */
    public Group findOrCreate(String name) {
        Group existing = groups.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            Group present = groups.get(name);
            if (present != null) {
                return present;
            }
            Group created = Group.defaults(name);
            groups.put(name, created);
            file.put(name, created);
            return created;
        }
    }

    public Group get(String name) {
        return groups.get(name);
    }

    /** Creates or replaces a group without waiting; the future completes when it is on disk. */
    public synchronized CompletableFuture<Void> update(Group group) {
        groups.put(group.groupName(), group);
        return file.put(group.groupName(), group);
    }

    /** Creates or replaces a group and waits until it is on disk. */
    public void put(Group group) {
        TopicTable.awaitDurable(update(group));
    }

    /** Deletes a group and waits until that is on disk; false if there was no such group. */
    public boolean delete(String name) {
        CompletableFuture<Void> durable;
        synchronized (this) {
            if (groups.remove(name) == null) {
                return false;
            }
            durable = file.remove(name);
        }
        TopicTable.awaitDurable(durable);
        return true;
    }

    public Map<String, Group> all() {
        return new TreeMap<>(groups);
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        file.close();
    }
}
