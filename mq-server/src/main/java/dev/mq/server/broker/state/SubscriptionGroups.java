package dev.mq.server.broker.state;

import dev.mq.message.Validation;
import dev.mq.store.state.JsonStateFile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Consumer-group settings, created on first use, persisted in {@code config/subscriptions.json}. */
public final class SubscriptionGroups {

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
    private final JsonStateFile<Map<String, Group>> file;

    public SubscriptionGroups(Path configDir) {
        this.file = new JsonStateFile<>(configDir.resolve("subscriptions.json"), new TypeReference<>() { });
        file.read().ifPresent(groups::putAll);
    }

    /** The group, created with defaults if it does not exist yet. */
    public Group findOrCreate(String name) {
        Group existing = groups.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            Group group = groups.computeIfAbsent(name, Group::defaults);
            persist();
            return group;
        }
    }

    public Group get(String name) {
        return groups.get(name);
    }

    public synchronized void put(Group group) {
        groups.put(group.groupName(), group);
        persist();
    }

    public synchronized boolean delete(String name) {
        boolean removed = groups.remove(name) != null;
        if (removed) {
            persist();
        }
        return removed;
    }

    public Map<String, Group> all() {
        return new TreeMap<>(groups);
    }

    private void persist() {
        file.write(new TreeMap<>(groups));
    }
}
