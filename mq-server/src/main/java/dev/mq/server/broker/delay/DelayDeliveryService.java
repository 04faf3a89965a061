package dev.mq.server.broker.delay;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.store.AppendResult;
import dev.mq.store.GetMessageResult;
import dev.mq.store.GetMessageStatus;
import dev.mq.store.MessageStore;
import dev.mq.store.state.JsonStateFile;

import tools.jackson.core.type.TypeReference;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivers delayed messages: one thread reads each level's queue of the schedule topic in order
 * from its progress offset and, once a message's store time plus the level's delay has passed,
 * appends a copy to REAL_TOPIC/REAL_QID (DELAY removed, REAL_* kept) and then advances the
 * progress. Messages of one level are due in store order, so reading a level stops at the first
 * message not yet due.
 *
 * <p>Progress is persisted in {@code config/delay-offsets.json} every second (when it changed) and
 * at {@link #close()}, and only once the delivered copies are flushed. Delivery is at-least-once:
 * after a crash the messages delivered since the last persisted progress are delivered again.
 */
public final class DelayDeliveryService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DelayDeliveryService.class.getName());
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final long PERSIST_MILLIS = 1_000;
    private static final int READ_BATCH = 32;
    private static final int READ_BYTES = 1024 * 1024;

    private final MessageStore store;
    private final DelayLevels levels;
    private final Clock clock;
    private final JsonStateFile<Map<Integer, Long>> file;
    private final AtomicLongArray progress;
    private final PeriodicService service;
    private final RecordView view = new RecordView();
    private long persistedAt;
    private boolean dirty;
    private long deliveredUpTo;

    public DelayDeliveryService(MessageStore store, DelayLevels levels, Clock clock, Path configDir) {
        this.store = store;
        this.levels = levels;
        this.clock = clock;
        this.file = new JsonStateFile<>(configDir.resolve("delay-offsets.json"), new TypeReference<>() { });
        this.progress = new AtomicLongArray(levels.count());
        file.read().ifPresent(saved -> saved.forEach((level, offset) -> {
            if (level >= 1 && level <= progress.length() && offset != null) {
                progress.set(level - 1, offset);
            }
        }));
        this.service = new PeriodicService("mq-broker-delay", POLL_INTERVAL, this::runOnce,
                e -> LOG.log(Level.ERROR, "delayed message delivery failed, retrying", e));
    }

    public void start() {
        service.start();
    }

    /** One pass over all levels (the thread's job; tests may call it directly instead of starting). */
    void runOnce() {
        for (int level = 1; level <= progress.length(); level++) {
            deliverDue(level);
        }
        // persist only progress whose copies are on disk, so a crash cannot lose a delivered message
        if (dirty && clock.millis() - persistedAt >= PERSIST_MILLIS && store.flushedOffset() >= deliveredUpTo) {
            persist();
        }
    }

    private void deliverDue(int level) {
        int queueId = level - 1;
        while (true) {
            long offset = progress.get(queueId);
            try (GetMessageResult read = store.getMessages(TopicNames.SCHEDULE_TOPIC, queueId, offset, READ_BATCH,
                    READ_BYTES, null)) {
                if (read.status() == GetMessageStatus.OFFSET_TOO_SMALL
                        || read.status() == GetMessageStatus.OFFSET_OVERFLOW_BADLY) {
                    // retention removed messages, or the store lost its tail in a crash
                    LOG.log(Level.WARNING, "delay level {0}: progress {1} is outside the queue, continuing at {2}",
                            level, offset, read.nextBeginOffset());
                    advance(queueId, read.nextBeginOffset());
                    continue;
                }
                if (read.messageCount() == 0) {
                    if (read.status() == GetMessageStatus.OFFSET_FOUND_NULL && read.nextBeginOffset() > offset) {
                        advance(queueId, read.nextBeginOffset());
                        continue;
                    }
                    return;
                }
                long next = read.firstQueueOffset();
                long now = clock.millis();
                for (ByteBuffer record : read.messages()) {
                    view.wrap(record, record.position());
                    if (!levels.isDue(view.storeTimestamp(), level, now)) {
                        return;
                    }
                    next = view.queueOffset() + 1;
                    if (!deliver(record)) {
                        return; // not stored: try again on the next pass
                    }
                    advance(queueId, next);
                }
                if (read.messageCount() < READ_BATCH) {
                    return;
                }
            }
        }
    }

    private boolean deliver(ByteBuffer record) {
        view.wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        String topic = properties.get(PropertyNames.REAL_TOPIC);
        int queueId;
        try {
            queueId = Integer.parseInt(properties.getOrDefault(PropertyNames.REAL_QUEUE_ID, "0"));
        } catch (NumberFormatException e) {
            queueId = 0;
        }
        if (topic == null || queueId < 0) {
            LOG.log(Level.WARNING, "dropping delayed message at commit-log offset {0}: it has no destination",
                    view.physicalOffset());
            return true;
        }
        properties.remove(PropertyNames.DELAY);
        AppendMessage copy = AppendMessage.copyOf(record, topic, queueId, view.reconsumeTimes(),
                MessageProperties.format(properties));
        AppendResult result = store.append(copy).join();
        if (!result.status().isStored()) {
            LOG.log(Level.WARNING, "cannot deliver a delayed message to {0}/{1}: {2} {3}", topic, queueId,
                    result.status(), result.detail());
            return false;
        }
        deliveredUpTo = Math.max(deliveredUpTo, result.commitLogOffset() + result.size());
        return true;
    }

    private void advance(int queueId, long offset) {
        if (progress.get(queueId) != offset) {
            progress.set(queueId, offset);
            dirty = true;
        }
    }

    private void persist() {
        Map<Integer, Long> snapshot = new TreeMap<>();
        for (int i = 0; i < progress.length(); i++) {
            snapshot.put(i + 1, progress.get(i));
        }
        file.write(snapshot);
        dirty = false;
        persistedAt = clock.millis();
    }

    /** The next queue offset to deliver of a level (for tests). */
    long progress(int level) {
        return progress.get(level - 1);
    }

    /** The next queue offset to deliver of each level, level 1 first (admin reads; any thread). */
    public long[] progress() {
        long[] snapshot = new long[progress.length()];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = progress.get(i);
        }
        return snapshot;
    }

    /** Stops the thread (letting a running pass finish) and persists the progress. */
    @Override
    public void close() {
        service.close();
        persist();
    }
}
