package dev.mq.server.broker.delay;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The delay levels: level {@code n} (1-based) waits {@code delays[n-1]}. A delayed message is kept
 * in {@link TopicNames#SCHEDULE_TOPIC} queue {@code level - 1} until its store time plus the level's delay.
 */
public final class DelayLevels {


    private final long[] delayMillis;

    public DelayLevels(List<Duration> delays) {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("at least one delay level is needed");
        }
        this.delayMillis = new long[delays.size()];
        for (int i = 0; i < delayMillis.length; i++) {
            Duration delay = delays.get(i);
            if (delay == null || delay.isZero() || delay.isNegative()) {
                throw new IllegalArgumentException("delay level " + (i + 1) + " must be positive but was " + delay);
            }
            delayMillis[i] = delay.toMillis();
        }
    }

    /** The number of levels (the highest level). */
    public int count() {
        return delayMillis.length;
    }

    /** {@code level} clamped to the highest level; a level below 1 means no delay and is returned as 0. */
    public int clamp(int level) {
        return level <= 0 ? 0 : Math.min(level, delayMillis.length);
    }

    /** The delay of a level (clamped to the highest). */
    public long delayMillis(int level) {
        int clamped = clamp(level);
        if (clamped == 0) {
            throw new IllegalArgumentException("not a delay level: " + level);
        }
        return delayMillis[clamped - 1];
    }

    /** When a message stored at {@code storeTimestamp} with {@code level} is due. */
    public long dueAt(long storeTimestamp, int level) {
        return storeTimestamp + delayMillis(level);
    }

    /** Whether that message is due at {@code now}. */
    public boolean isDue(long storeTimestamp, int level, long now) {
        return dueAt(storeTimestamp, level) <= now;
    }

    /**
     * The level asked for by a PropertyNames.DELAY property value: 0 when absent, not a number, or not positive
     * (no delay), else the level clamped to the highest.
     */
    public int parse(String delayProperty) {
        if (delayProperty == null) {
            return 0;
        }
        try {
            return clamp(Integer.parseInt(delayProperty.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code message} parked in the schedule topic's queue for {@code level}, remembering its
     * destination in REAL_TOPIC and REAL_QID.
     */
    public static AppendMessage scheduled(AppendMessage message, int level) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(PropertyNames.REAL_TOPIC, message.topic());
        properties.put(PropertyNames.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(PropertyNames.DELAY, Integer.toString(level));
        return new AppendMessage(TopicNames.SCHEDULE_TOPIC, level - 1, message.flag(), message.sysFlag(),
                message.bornTimestamp(), message.bornHost(), message.reconsumeTimes(),
                message.preparedTransactionOffset(), message.body(), MessageProperties.format(properties));
    }
}
