package dev.mq.store;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordEncoder;
import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.RecordView;
import dev.mq.store.internal.AppendRequest;
import dev.mq.store.internal.BootId;
import dev.mq.store.internal.Checkpoint;
import dev.mq.store.internal.CommitLog;
import dev.mq.store.internal.CommitLogAppender;
import dev.mq.store.internal.ConsumeQueue;
import dev.mq.store.internal.ConsumeQueueStore;
import dev.mq.store.internal.Dispatcher;
import dev.mq.store.internal.EntryBatch;
import dev.mq.store.internal.FileNames;
import dev.mq.store.internal.FlushService;
import dev.mq.store.internal.IndexKeys;
import dev.mq.store.internal.IndexService;
import dev.mq.store.internal.MappedFile;
import dev.mq.store.internal.QueueEnds;
import dev.mq.store.internal.QueueEndsJournal;
import dev.mq.store.internal.QueueFileCreator;
import dev.mq.store.internal.RetentionService;
import dev.mq.store.internal.SegmentPreparer;
import dev.mq.store.internal.SegmentSlice;
import dev.mq.store.internal.StoreLock;
import dev.mq.store.state.JsonStateFile;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The storage engine: a commit log that every message is appended to by one writer thread,
 * consume queues and an index built from it by a dispatcher, and the background services that
 * flush, checkpoint and delete old data.
 *
 * <p>{@link #open} recovers whatever the last process left (after a crash: scan with CRC checks,
 * truncate a torn tail, re-dispatch) before it returns; {@link #close()} flushes everything and
 * writes a checkpoint. All methods are safe to call from any thread.
 */
public final class MessageStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MessageStore.class.getName());
    /** Entries scanned at most by one read when a filter skips them. */
    private static final int MAX_SCANNED_ENTRIES = 16_000;
    private static final int READ_BATCH = 64;

    private final StoreConfig config;
    private final Clock clock;
    private final StoreLock lock;
    private final CommitLog commitLog;
    private final ConsumeQueueStore queues;
    private final IndexService index;
    private final JsonStateFile<Checkpoint> checkpointFile;
    private final JsonStateFile<QueueEnds> queueEndsFile;
    private final QueueEndsJournal checkpointedEnds;
    private final Dispatcher dispatcher;
    private final FlushService flushService;
    private final SegmentPreparer preparer;
    private final QueueFileCreator queueFileCreator;
    private final CommitLogAppender appender;
    private final RetentionService retention;
    private final PeriodicService checkpointService;
    private final PeriodicService retentionService;
    private final boolean recoveredFromCrash;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RuntimeException lastBackgroundFailure;

    private MessageStore(StoreConfig config, Clock clock, DiskUsageProbe probe, FlushService.Forcer forcer,
                         Consumer<ConsumeQueue> beforeQueueFileCreation, String bootId) {
        this.config = config;
        this.clock = clock;
        Path dataDir = config.dataDir();
        this.lock = StoreLock.acquire(dataDir);
        try {
            Path abortFile = FileNames.abortFile(dataDir);
            this.recoveredFromCrash = Files.exists(abortFile);
            this.checkpointFile = new JsonStateFile<>(FileNames.checkpointFile(dataDir), Checkpoint.class);
            Checkpoint checkpoint = checkpointFile.read().orElse(null);
            this.queueEndsFile = new JsonStateFile<>(FileNames.queueEndsFile(dataDir), QueueEnds.class,
                    JsonMapper.builder().build());
            QueueEnds queueEnds = recoveredFromCrash ? null : readQueueEnds(checkpoint);
            this.checkpointedEnds = new QueueEndsJournal(dataDir);
            QueueEndsJournal.Recorded recorded = recoveredFromCrash
                    ? readCheckpointedEnds(checkpoint, readBootId(abortFile), bootId) : null;
            checkpointedEnds.invalidate(); // this life changes queues; its first checkpoint records anew
            writeAbortMarker(abortFile, bootId);

            this.commitLog = new CommitLog(FileNames.commitLogDir(dataDir), config.commitLogSegmentSize());
            this.queues = new ConsumeQueueStore(dataDir, config.consumeQueueEntriesPerFile());
            this.index = new IndexService(dataDir, config.indexHashSlots(), config.indexEntriesPerFile());
            commitLog.load();
            if (queueEnds != null) {
                queues.loadKnown(queueEnds);
            } else if (recorded != null) {
                queues.loadRecorded(recorded);
            } else {
                queues.loadAll();
            }
            index.load();
            this.dispatcher = new Dispatcher(commitLog, queues, index);
            long end = recover(checkpoint, queueEnds, recorded);

            FlushService.Forcer force = forcer != null ? forcer : commitLog::force;
            this.flushService = new FlushService(commitLog, force, config.flushMode(), config.flushInterval(),
                    config.flushMinPages(), config.flushThoroughInterval());
            this.preparer = new SegmentPreparer(commitLog, config.preallocateSegments());
            this.queueFileCreator = new QueueFileCreator(dispatcher::fileCreated, beforeQueueFileCreation);
            this.appender = new CommitLogAppender(commitLog, preparer, flushService, config.flushMode(),
                    config.syncFlushTimeout(), clock, this::nextQueueOffset, config.appendQueueCapacity(),
                    dispatcher);
            this.retention = new RetentionService(commitLog, queues, index, probe, clock, config.fileReservedTime(),
                    config.deleteAtHour(), config.diskMaxUsedRatio(), config.diskRejectWritesRatio(),
                    () -> Math.min(flushService.flushedPosition(), dispatcher.dispatchedPosition()));
            this.checkpointService = new PeriodicService("mq-store-checkpoint", config.consumeQueueFlushInterval(),
                    this::checkpoint, this::backgroundFailure);
            this.retentionService = new PeriodicService("mq-store-retention", config.retentionCheckInterval(),
                    retention::runOnce, this::backgroundFailure);

            retention.probe();
            flushService.start(end, "mq-store-flush");
            preparer.start("mq-store-segment-preparer");
            queueFileCreator.start("mq-store-queue-file-creator");
            dispatcher.start("mq-store-dispatcher", queueFileCreator);
            appender.start("mq-store-appender");
            checkpointService.start();
            retentionService.start();
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    /** The boot the store was opened in, as in this process ({@link BootId}); null if unknown. */
    private static String currentBoot() {
        return BootId.current().orElse(null);
    }

    /** Opens (and if needed recovers) the store in {@code config.dataDir()} with the system clock and disk. */
    public static MessageStore open(StoreConfig config) {
        return open(config, Clock.systemDefaultZone(), DiskUsageProbe.of(config.dataDir()));
    }

    /** Opens the store with an injected clock (store timestamps, retention) and disk-usage probe. */
    public static MessageStore open(StoreConfig config, Clock clock, DiskUsageProbe probe) {
        return new MessageStore(config, clock, probe, null, queue -> { }, currentBoot());
    }

    /**
     * Like {@link #open(StoreConfig, Clock, DiskUsageProbe)} as if the machine's boot were
     * {@code bootId} (tests open a crashed copy "after a reboot"; null: unknown).
     */
    static MessageStore openInBoot(StoreConfig config, String bootId) {
        return new MessageStore(config, Clock.systemDefaultZone(), DiskUsageProbe.of(config.dataDir()), null,
                queue -> { }, bootId);
    }

    /** Like {@link #open(StoreConfig, Clock, DiskUsageProbe)} with a custom flush (tests simulate slow disks). */
    static MessageStore open(StoreConfig config, Clock clock, DiskUsageProbe probe, FlushService.Forcer forcer) {
        return new MessageStore(config, clock, probe, forcer, queue -> { }, currentBoot());
    }

    /** Like {@link #open(StoreConfig, Clock, DiskUsageProbe)}; {@code beforeQueueFileCreation} runs before each new queue's file is created (tests hold creations there). */
    static MessageStore open(StoreConfig config, Clock clock, DiskUsageProbe probe,
                             Consumer<ConsumeQueue> beforeQueueFileCreation) {
        return new MessageStore(config, clock, probe, null, beforeQueueFileCreation, currentBoot());
    }

    private long recover(Checkpoint checkpoint, QueueEnds queueEnds, QueueEndsJournal.Recorded recorded) {
        long firstOffset = commitLog.minOffset();
        long scanFrom;
        if (recoveredFromCrash) {
            long safe = checkpoint == null ? firstOffset : Math.max(firstOffset, checkpoint.safeOffset());
            MappedFile segment = commitLog.segmentFor(safe);
            scanFrom = segment == null ? safe : segment.startOffset();
        } else {
            MappedFile last = commitLog.lastSegment();
            scanFrom = last == null ? firstOffset : last.startOffset();
        }
        long end = commitLog.recover(scanFrom, true, recoveredFromCrash);
        if (queueEnds != null && queueEnds.commitLogEnd() != end) {
            LOG.log(Level.WARNING, "{0}: the commit log ends at {1}, not at {2} as at the last close; opening"
                    + " and recovering every consume queue", config.dataDir(), end, queueEnds.commitLogEnd());
            queues.forgetKnown();
            queues.loadAll();
        }
        boolean fromRecord = recorded != null;
        if (fromRecord && (end < recorded.dispatched() || commitLog.recoveryStoppedAtBadRecord())) {
            LOG.log(Level.WARNING, "{0}: the commit log {1}, so the queue ends recorded at the last checkpoint"
                    + " cannot be trusted; opening and recovering every consume queue", config.dataDir(),
                    end < recorded.dispatched() ? "ends at " + end + ", below the " + recorded.dispatched()
                            + " the record was dispatched to" : "holds an unreadable record at " + end);
            queues.forgetKnown();
            queues.loadAll();
            fromRecord = false;
        }
        queues.truncateAll(end);
        index.truncateFrom(end);
        long redispatchFrom = checkpoint == null ? firstOffset
                : Math.max(commitLog.minOffset(), Math.min(checkpoint.dispatched(), end));
        if (recoveredFromCrash) {
            if (!fromRecord) {
                redispatchFrom = Math.min(redispatchFrom, scanFrom);
            }
            commitLog.force(scanFrom, end);
            LOG.log(Level.WARNING, "recovered {0} after an unclean shutdown: log ends at {1}, re-dispatched from {2}"
                    + " ({3})", config.dataDir(), end, redispatchFrom,
                    fromRecord ? "queues opened lazily at the ends recorded at the last checkpoint"
                            : "every queue scanned");
        }
        queues.redispatchingAfterCrash(fromRecord ? end : Long.MAX_VALUE, fromRecord);
        dispatcher.dispatchRange(redispatchFrom, end);
        queues.redispatchingAfterCrash(fromRecord ? end : Long.MAX_VALUE, false);
        queues.flushAll();
        index.flush();
        return end;
    }

    /**
     * The queue ends recorded at the last graceful close if they belong to {@code checkpoint}; null
     * otherwise. An unreadable record only costs the full load of every queue, so it is logged and
     * passed over rather than refusing to open.
     */
    private QueueEnds readQueueEnds(Checkpoint checkpoint) {
        try {
            return queueEndsFile.read().filter(ends -> ends.matches(checkpoint)).orElse(null);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot use the queue ends recorded at the last close; loading every consume queue", e);
            return null;
        }
    }

    /**
     * The queue ends recorded at the last checkpoint, if recovery after this crash may use them;
     * null otherwise, with the reason logged (every queue is then scanned, as before the record
     * existed). They are used only if the machine did not reboot since the crashed process opened
     * the store: then every byte that process wrote is in the files, so the re-dispatch from the
     * checkpoint meets every record whose entries lie beyond a recorded end.
     */
    private QueueEndsJournal.Recorded readCheckpointedEnds(Checkpoint checkpoint, String crashedBoot, String bootId) {
        String reason;
        if (checkpoint == null) {
            reason = "there is no checkpoint";
        } else if (bootId == null || crashedBoot == null) {
            reason = "the boot of the crashed process is unknown";
        } else if (!bootId.equals(crashedBoot)) {
            reason = "the machine restarted since the store was opened (writes not flushed may be lost)";
        } else {
            try {
                QueueEndsJournal.Recorded recorded = checkpointedEnds.read().orElse(null);
                if (recorded != null && recorded.covers(checkpoint)) {
                    return recorded;
                }
                reason = recorded == null ? "no queue ends were recorded"
                        : "the recorded queue ends are older than the checkpoint";
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "cannot use the queue ends recorded at the last checkpoint; loading and"
                        + " scanning every consume queue", e);
                return null;
            }
        }
        LOG.log(Level.WARNING, "{0}: {1}; loading and scanning every consume queue", config.dataDir(), reason);
        return null;
    }

    /** The boot id written into the abort marker by the store that left it; null if none. */
    private static String readBootId(Path abortFile) {
        try {
            String id = Files.readString(abortFile, StandardCharsets.US_ASCII).trim();
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            throw new StoreException("cannot read the abort marker " + abortFile, e);
        }
    }

    private long nextQueueOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        return queue == null ? 0 : queue.maxOffset();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends one message. The future completes on the writer thread (or, for appends still
     * waiting for a SYNC flush at {@link #close()}, on the closing thread): keep dependent stages
     * short or use the {@code *Async} variants.
     */
    public CompletableFuture<AppendResult> append(AppendMessage message) {
        return append(message, null);
    }

    /**
     * Like {@link #append(AppendMessage)}, for a caller that submits appends in bursts (a broker's
     * I/O thread handling the requests of one read): when the writer is idle, the write that the
     * calling thread would do at once is left to {@code writeLater} instead (the caller's own
     * event loop, which runs it after the burst), so the burst's appends share one write. With
     * {@code null}, or while the writer is busy, this is {@link #append(AppendMessage)}.
     */
    public CompletableFuture<AppendResult> append(AppendMessage message, Executor writeLater) {
        AppendResult refused = checkWritable(message.body().length);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        byte[] data;
        try {
            data = RecordEncoder.encode(message, config.storeHost());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(AppendResult.refused(AppendStatus.MESSAGE_ILLEGAL, e.getMessage()));
        }
        AppendRequest request = new AppendRequest(message.topic(), message.queueId(), data, new int[] {data.length});
        appender.submit(request, writeLater);
        return request.future();
    }

    /**
     * Appends messages of one topic and queue as consecutive records with consecutive queue
     * offsets, all in one segment: after a crash either all of them are there or none.
     */
    public CompletableFuture<AppendResult> appendBatch(List<AppendMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(AppendResult.refused(AppendStatus.MESSAGE_ILLEGAL, "empty batch"));
        }
        String topic = messages.get(0).topic();
        int queueId = messages.get(0).queueId();
        long bodyBytes = 0;
        for (AppendMessage message : messages) {
            if (!message.topic().equals(topic) || message.queueId() != queueId) {
                return CompletableFuture.completedFuture(AppendResult.refused(AppendStatus.MESSAGE_ILLEGAL,
                        "all messages of a batch must have the same topic and queue"));
            }
            bodyBytes += message.body().length;
        }
        AppendResult refused = checkWritable(bodyBytes);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        byte[][] records = new byte[messages.size()][];
        int[] lengths = new int[messages.size()];
        long total = 0;
        try {
            for (int i = 0; i < records.length; i++) {
                records[i] = RecordEncoder.encode(messages.get(i), config.storeHost());
                lengths[i] = records[i].length;
                total += lengths[i];
            }
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(AppendResult.refused(AppendStatus.MESSAGE_ILLEGAL, e.getMessage()));
        }
        if (total + RecordLayout.BLANK_SIZE > config.commitLogSegmentSize()) {
            return CompletableFuture.completedFuture(AppendResult.refused(AppendStatus.MESSAGE_TOO_LARGE,
                    "the batch encodes to " + total + " bytes, more than a commit-log segment holds"));
        }
        byte[] data = new byte[(int) total];
        int at = 0;
        for (byte[] record : records) {
            System.arraycopy(record, 0, data, at, record.length);
            at += record.length;
        }
        AppendRequest request = new AppendRequest(topic, queueId, data, lengths);
        appender.submit(request);
        return request.future();
    }

    private AppendResult checkWritable(long bodyBytes) {
        if (bodyBytes > config.maxMessageSize()) {
            return AppendResult.refused(AppendStatus.MESSAGE_TOO_LARGE, "the body has " + bodyBytes
                    + " bytes but max-message-size is " + config.maxMessageSize());
        }
        if (retention.writesRefused()) {
            return AppendResult.refused(AppendStatus.DISK_FULL, String.format(
                    "disk usage %.1f%% is at or above disk-reject-writes-ratio %.1f%%",
                    retention.lastUsedRatio() * 100, config.diskRejectWritesRatio() * 100));
        }
        return null;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads up to {@code maxMessages} messages (and, beyond the first, at most {@code maxBytes})
     * from a queue starting at {@code offset}, skipping those {@code filter} rejects (null: all).
     */
    public GetMessageResult getMessages(String topic, int queueId, long offset, int maxMessages, int maxBytes,
                                        MessageFilter filter) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return GetMessageResult.empty(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = queue.minOffset();
        long max = queue.maxOffset();
        if (max == 0) {
            return GetMessageResult.empty(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        List<SegmentSlice> slices = new ArrayList<>(Math.min(maxMessages, READ_BATCH));
        EntryBatch batch = new EntryBatch(Math.min(Math.max(maxMessages, 1), READ_BATCH));
        long next = offset;
        long firstQueueOffset = -1;
        int bytes = 0;
        int scanned = 0;
        boolean missing = false;
        try {
            reading:
            while (slices.size() < maxMessages && scanned < MAX_SCANNED_ENTRIES && next < max) {
                int count = queue.read(next, Math.min(batch.capacity(), maxMessages - slices.size() + READ_BATCH), batch);
                if (count == 0) {
                    break;
                }
                for (int i = 0; i < count; i++) {
                    long queueOffset = batch.queueOffset(i);
                    if (filter != null && !filter.matches(batch.tagHash(i))) {
                        next = queueOffset + 1;
                        scanned++;
                        continue;
                    }
                    int size = batch.size(i);
                    if (!slices.isEmpty() && (long) bytes + size > maxBytes) {
                        break reading;
                    }
                    next = queueOffset + 1;
                    scanned++;
                    SegmentSlice slice = commitLog.read(batch.commitLogOffset(i), size);
                    if (slice == null) {
                        missing = true;
                        continue;
                    }
                    if (firstQueueOffset < 0) {
                        firstQueueOffset = queueOffset;
                    }
                    slices.add(slice);
                    bytes += size;
                    if (slices.size() >= maxMessages) {
                        break reading;
                    }
                }
            }
        } catch (RuntimeException e) {
            slices.forEach(SegmentSlice::close);
            throw e;
        }
        GetMessageStatus status = !slices.isEmpty() ? GetMessageStatus.FOUND
                : missing ? GetMessageStatus.OFFSET_FOUND_NULL : GetMessageStatus.NO_MATCHED_MESSAGE;
        return new GetMessageResult(status, next, queue.minOffset(), queue.maxOffset(), slices, firstQueueOffset);
    }

    /**
     * Whether {@link #getMessages} from {@code offset} would most likely find what it reads in the
     * page cache, so that it costs no disk access: the entry at {@code offset} lies in the queue's
     * newest consume-queue file (told from the offsets alone) and its record within the newest
     * {@link StoreConfig#hotWindowBytes} of the commit log (one entry read to tell). True when there
     * is nothing to read there (unknown or empty queue, offset at or beyond the end, or below the
     * minimum): such a read answers at once.
     */
    public boolean readsFromMemory(String topic, int queueId, long offset) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return true;
        }
        long max = queue.maxOffset();
        if (offset >= max || offset < queue.minOffset()) {
            return true;
        }
        long perFile = config.consumeQueueEntriesPerFile();
        if (offset / perFile != (max - 1) / perFile) {
            return false;
        }
        EntryBatch entry = new EntryBatch(1);
        if (queue.read(offset, 1, entry) == 0) {
            return true; // gone under the read (retention): the read answers at once too
        }
        return commitLog.committedPosition() - entry.commitLogOffset(0) <= config.hotWindowBytes();
    }

    /** The first valid queue offset, 0 for an unknown queue. */
    public long minOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        return queue == null ? 0 : queue.minOffset();
    }

    /** The next queue offset to be written, 0 for an unknown queue. */
    public long maxOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        return queue == null ? 0 : queue.maxOffset();
    }

    /** The queue offset for a point in time (see {@link BoundaryType}); 0 for an unknown queue. */
    public long offsetByTime(String topic, int queueId, long timestamp, BoundaryType boundary) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return 0;
        }
        return queue.offsetByTime(timestamp, boundary, this::storeTimestampAt);
    }

    /** Store time of the oldest message still in the queue, or -1 if there is none. */
    public long earliestStoreTime(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null || queue.minOffset() >= queue.maxOffset()) {
            return -1;
        }
        EntryBatch batch = new EntryBatch(1);
        if (queue.read(queue.minOffset(), 1, batch) == 0) {
            return -1;
        }
        return storeTimestampAt(batch.commitLogOffset(0), batch.size(0));
    }

    private long storeTimestampAt(long commitLogOffset, int size) {
        try (SegmentSlice slice = commitLog.read(commitLogOffset, size)) {
            return slice == null ? -1 : new RecordView().wrap(slice.buffer(), 0).storeTimestamp();
        }
    }

    /** The record stored at {@code commitLogOffset} (empty if none is there). */
    public StoredMessages readAt(long commitLogOffset) {
        SegmentSlice slice = commitLog.readRecord(commitLogOffset);
        return new StoredMessages(slice == null ? List.of() : List.of(slice));
    }

    /** Messages of {@code topic} whose KEYS contain {@code key}, stored in [begin, end], newest first. */
    public StoredMessages queryByKey(String topic, String key, int maxResults, long begin, long end) {
        return query(topic, IndexKeys.byKey(topic, key), maxResults, begin, end,
                view -> containsKey(MessageProperties.get(view.properties(), PropertyNames.KEYS), key));
    }

    /** Messages of {@code topic} whose UNIQ_KEY equals {@code uniqueKey}, stored in [begin, end]. */
    public StoredMessages queryByUniqueKey(String topic, String uniqueKey, int maxResults, long begin, long end) {
        return query(topic, IndexKeys.byUniqueKey(topic, uniqueKey), maxResults, begin, end,
                view -> uniqueKey.equals(MessageProperties.get(view.properties(), PropertyNames.UNIQ_KEY)));
    }

    private interface RecordMatch {
        boolean matches(RecordView view);
    }

    private StoredMessages query(String topic, String indexKey, int maxResults, long begin, long end,
                                 RecordMatch match) {
        List<Long> candidates = index.lookup(indexKey, begin, end, maxResults + 16);
        List<SegmentSlice> found = new ArrayList<>();
        RecordView view = new RecordView();
        for (long offset : candidates) {
            if (found.size() >= maxResults) {
                break;
            }
            SegmentSlice slice = commitLog.readRecord(offset);
            if (slice == null) {
                continue;
            }
            view.wrap(slice.buffer(), 0);
            if (view.physicalOffset() == offset && topic.equals(view.topic()) && match.matches(view)) {
                found.add(slice);
            } else {
                slice.close(); // a hash collision or a stale index entry
            }
        }
        return new StoredMessages(found);
    }

    private static boolean containsKey(String keys, String key) {
        return keys != null && Arrays.asList(keys.split(" ")).contains(key);
    }

    // ---------------------------------------------------------------- state and admin

    /** Registers a listener told when queues grow (long polling wakes on this). */
    public void addDispatchListener(DispatchListener listener) {
        dispatcher.addListener(listener);
    }

    public void removeDispatchListener(DispatchListener listener) {
        dispatcher.removeListener(listener);
    }

    /** Topics that have consume queues. */
    public Set<String> topics() {
        return queues.topics();
    }

    /** Queue ids of a topic that have consume queues. */
    public Set<Integer> queueIds(String topic) {
        return queues.queueIds(topic);
    }

    public long commitLogMinOffset() {
        return commitLog.minOffset();
    }

    /** End of the commit log: where the next record will be written. */
    public long commitLogMaxOffset() {
        return commitLog.committedPosition();
    }

    /** Everything below this commit-log offset is on the device. */
    public long flushedOffset() {
        return flushService.flushedPosition();
    }

    /** Everything below this commit-log offset is readable through consume queues and the index. */
    public long dispatchedOffset() {
        return dispatcher.dispatchedPosition();
    }

    /**
     * Bytes of consume-queue files read since open to find where queues end: the scans of recovery
     * at open (after a crash without a usable record of the last checkpoint, or a graceful close
     * without a record of it), the entries read when a recorded queue is first used (two after a
     * graceful close; one when re-dispatch after a crash opens it), and the scans of queues whose
     * files contradict their record or that were created after it. Restart cost that grows with
     * the number of queues shows here.
     */
    public long queueEndBytesRead() {
        return queues.bytesReadForEnds();
    }

    /** Whether this open found the abort marker of a process that did not close the store. */
    public boolean recoveredFromCrash() {
        return recoveredFromCrash;
    }

    /** Disk usage seen by the last retention check. */
    public double diskUsedRatio() {
        return retention.lastUsedRatio();
    }

    /** Whether appends are refused because the disk is too full. */
    public boolean writesRefused() {
        return retention.writesRefused();
    }

    /** Runs a retention pass now; returns the number of commit-log segments deleted. */
    public int runRetention() {
        return retention.runOnce();
    }

    /**
     * A failure of a background service (flush, dispatch, checkpoint, retention, writer), or null
     * if all are healthy. The server's health check reports it. Checkpoint and retention failures
     * are retried at their next interval; the others stop writing for good.
     */
    public Throwable failure() {
        Throwable fatal = fatalFailure();
        return fatal != null ? fatal : lastBackgroundFailure;
    }

    /** A failure after which the log can no longer be trusted to be complete (writer, flush, dispatch). */
    private Throwable fatalFailure() {
        if (appender.failure() != null) {
            return appender.failure();
        }
        if (flushService.failure() != null) {
            return flushService.failure();
        }
        return dispatcher.failure();
    }

    public StoreConfig config() {
        return config;
    }

    private void checkpoint() {
        long flushed = flushService.flushedPosition();
        long dispatched = dispatcher.durablePosition();
        List<ConsumeQueue> changed = queues.takeChanged();
        try {
            queues.flushAll();
            index.flush();
        } catch (RuntimeException e) {
            queues.untake(changed);
            throw e;
        }
        // before the checkpoint file, so that the record is never older than the checkpoint
        queues.record(checkpointedEnds, changed, dispatched, dispatcher.dispatchedPosition());
        checkpointFile.write(new Checkpoint(flushed, dispatched, clock.millis()));
        lastBackgroundFailure = null;
    }

    /** Runs a checkpoint now, on the calling thread (tests; the periodic one must not be due). */
    void checkpointNow() {
        checkpoint();
    }

    private void backgroundFailure(RuntimeException e) {
        lastBackgroundFailure = e;
        LOG.log(Level.ERROR, "store background service failed", e);
    }

    /**
     * Stops accepting appends, writes what was accepted, flushes the log, consume queues and index,
     * writes the checkpoint and removes the abort marker. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            retentionService.close();
            checkpointService.close();
            appender.stop();
            flushService.stop();
            appender.acknowledgeRemaining();
            dispatcher.stop();
            queueFileCreator.stop();
            preparer.stop();
            boolean healthy = fatalFailure() == null;
            if (healthy) {
                long end = commitLog.committedPosition();
                queues.flushAll();
                index.flush();
                checkpointFile.write(new Checkpoint(end, end, clock.millis()));
                queueEndsFile.write(new QueueEnds(end, commitLog.minOffset(), queues.ends()));
            }
            queues.close();
            index.close();
            commitLog.close();
            checkpointedEnds.close();
            if (healthy) {
                Files.deleteIfExists(FileNames.abortFile(config.dataDir()));
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove the abort marker in " + config.dataDir(), e);
        } finally {
            lock.release();
        }
    }

    /** Creates (or rewrites) the abort marker, holding the boot id if known. */
    private static void writeAbortMarker(Path file, String bootId) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, bootId == null ? "" : bootId + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StoreException("cannot create " + file, e);
        }
    }
}
