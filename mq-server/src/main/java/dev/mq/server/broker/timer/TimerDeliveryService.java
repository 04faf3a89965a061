package dev.mq.server.broker.timer;

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
import dev.mq.store.StoredMessages;
import dev.mq.store.state.JsonStateFile;
import dev.mq.store.timer.TimerIndex;

import tools.jackson.core.type.TypeReference;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivers timer messages. One thread, every 100 ms: (1) indexes the records appended to
 * {@link TimerMessages#TIMER_TOPIC} queue 0 since its progress into the on-disk {@link TimerIndex}
 * (by their TIMER_OUT_MS), (2) copies every due record to its REAL_TOPIC/REAL_QID, (3) once the
 * copies are flushed, confirms those entries in the index.
 *
 * <p>The indexing progress (a queue offset of the timer topic) is persisted in
 * {@code timer/progress.json} at most every second, after the bucket files holding the entries it
 * counts are forced. At start-up, entries for records from that progress on are voided and the
 * records indexed again, so after a crash nothing pending is lost and nothing is indexed twice.
 * Delivery is at-least-once: a copy whose confirmation a crash prevented is delivered again.
 */
public final class TimerDeliveryService implements AutoCloseable {

    /** The time span of one index bucket file. */
    static final long BUCKET_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger(TimerDeliveryService.class.getName());
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final long PERSIST_MILLIS = 1_000;
    private static final int READ_BATCH = 256;
    private static final int READ_BYTES = 4 * 1024 * 1024;
    private static final String INDEXED = "indexedQueueOffset";

    private final MessageStore store;
    private final Clock clock;
    private final TimerIndex index;
    private final JsonStateFile<Map<String, Long>> file;
    private final PeriodicService service;
    private final RecordView view = new RecordView();
    private long indexedUpTo;
    private long persistedIndexedUpTo;
    private long persistedAt;
    private long deliveredUpTo;

    public TimerDeliveryService(MessageStore store, Clock clock, Path timerDir) {
        this.store = store;
        this.clock = clock;
        this.index = TimerIndex.open(timerDir.resolve("buckets"), BUCKET_MILLIS);
        this.file = new JsonStateFile<>(timerDir.resolve("progress.json"), new TypeReference<>() { });
        this.indexedUpTo = file.read().map(saved -> saved.getOrDefault(INDEXED, 0L)).orElse(0L);
        this.persistedIndexedUpTo = indexedUpTo;
        voidUnsavedEntries();
        this.service = new PeriodicService("mq-broker-timer", POLL_INTERVAL, this::runOnce,
                e -> LOG.log(Level.ERROR, "timer message delivery failed, retrying", e));
    }

    /**
     * Entries may exist for records at or beyond the saved progress (added after the last save
     * before a crash); they are voided, as indexing starts again at the saved progress.
     */
    private void voidUnsavedEntries() {
        long max = store.maxOffset(TopicNames.TIMER_TOPIC, 0);
        if (max == indexedUpTo) {
            return;
        }
        long from = store.commitLogMaxOffset();
        if (max > indexedUpTo) {
            try (GetMessageResult read = store.getMessages(TopicNames.TIMER_TOPIC, 0,
                    Math.max(indexedUpTo, store.minOffset(TopicNames.TIMER_TOPIC, 0)), 1, READ_BYTES, null)) {
                if (read.messageCount() > 0) {
                    ByteBuffer record = read.messages().get(0);
                    from = view.wrap(record, record.position()).physicalOffset();
                }
            }
        }
        long voided = index.voidFrom(from);
        LOG.log(Level.INFO, "timer index: progress {0}, timer queue ends at {1}; voided {2} entries from "
                + "commit-log offset {3} to index them again", indexedUpTo, max, voided, from);
    }

    public void start() {
        service.start();
    }

    /** One pass (the thread's job; tests call it directly instead of starting the thread). */
    void runOnce() {
        indexNewRecords();
        index.deliverDue(clock.millis(), this::deliver);
        // confirm only deliveries whose copies are on disk, so a crash cannot lose a timer message
        if (index.hasInFlight() && store.flushedOffset() >= deliveredUpTo) {
            index.confirmDelivered();
        }
        if (indexedUpTo != persistedIndexedUpTo && clock.millis() - persistedAt >= PERSIST_MILLIS) {
            persist();
        }
    }

    private void indexNewRecords() {
        while (true) {
            try (GetMessageResult read = store.getMessages(TopicNames.TIMER_TOPIC, 0, indexedUpTo, READ_BATCH,
                    READ_BYTES, null)) {
                if (read.status() == GetMessageStatus.OFFSET_TOO_SMALL
                        || read.status() == GetMessageStatus.OFFSET_OVERFLOW_BADLY
                        || (read.messageCount() == 0 && read.status() == GetMessageStatus.OFFSET_FOUND_NULL
                        && read.nextBeginOffset() > indexedUpTo)) {
                    LOG.log(Level.WARNING, "timer index: progress {0} is outside the timer queue, continuing at {1}",
                            indexedUpTo, read.nextBeginOffset());
                    indexedUpTo = read.nextBeginOffset();
                    continue;
                }
                for (ByteBuffer record : read.messages()) {
                    view.wrap(record, record.position());
                    index.add(dueTime(view), view.physicalOffset(), view.totalSize());
                    indexedUpTo = view.queueOffset() + 1;
                }
                if (read.messageCount() < READ_BATCH) {
                    return;
                }
            }
        }
    }

    private static long dueTime(RecordView view) {
        String due = MessageProperties.get(view.properties(), PropertyNames.TIMER_OUT_MS);
        try {
            return Long.parseLong(due);
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "timer message at commit-log offset {0} has no valid {1} ({2}); delivering it now",
                    view.physicalOffset(), PropertyNames.TIMER_OUT_MS, due);
            return view.storeTimestamp();
        }
    }

    private boolean deliver(long dueMs, long commitLogOffset, int size) {
        AppendMessage copy;
        try (StoredMessages found = store.readAt(commitLogOffset)) {
            ByteBuffer record = found.isEmpty() ? null : found.messages().get(0);
            if (record == null || view.wrap(record, record.position()).physicalOffset() != commitLogOffset
                    || view.totalSize() != size || !TopicNames.TIMER_TOPIC.equals(view.topic())) {
                LOG.log(Level.WARNING, "timer message due at {0} is no longer at commit-log offset {1} "
                        + "(removed by retention?); skipping it", dueMs, commitLogOffset);
                return true;
            }
            Map<String, String> properties = MessageProperties.parse(view.properties());
            String topic = properties.get(PropertyNames.REAL_TOPIC);
            int queueId = parseQueueId(properties.get(PropertyNames.REAL_QUEUE_ID));
            if (topic == null || queueId < 0) {
                LOG.log(Level.WARNING, "dropping the timer message at commit-log offset {0}: it has no destination",
                        commitLogOffset);
                return true;
            }
            copy = AppendMessage.copyOf(record, topic, queueId, view.reconsumeTimes(),
                    TimerMessages.deliveredProperties(properties, dueMs));
        }
        AppendResult result = store.append(copy).join();
        if (!result.status().isStored()) {
            LOG.log(Level.WARNING, "cannot deliver a timer message to {0}/{1}: {2} {3}", copy.topic(), copy.queueId(),
                    result.status(), result.detail());
            return false;
        }
        deliveredUpTo = Math.max(deliveredUpTo, result.commitLogOffset() + result.size());
        return true;
    }

    private static int parseQueueId(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void persist() {
        index.force();
        Map<String, Long> snapshot = new TreeMap<>();
        snapshot.put(INDEXED, indexedUpTo);
        file.write(snapshot);
        persistedIndexedUpTo = indexedUpTo;
        persistedAt = clock.millis();
    }

    /** The next timer-topic queue offset to index (for tests). */
    long indexedUpTo() {
        return indexedUpTo;
    }

    /** The index (for tests). */
    TimerIndex index() {
        return index;
    }

    /**
     * Stops the thread (letting a running pass finish), indexes what is left, confirms the
     * deliveries, persists the progress and closes the index. Like the delay service, it relies on
     * the store, closed next, to flush the delivered copies.
     */
    @Override
    public void close() {
        service.close();
        try {
            indexNewRecords();
            if (index.hasInFlight()) {
                index.confirmDelivered();
            }
            persist();
        } finally {
            index.close();
        }
    }
}
