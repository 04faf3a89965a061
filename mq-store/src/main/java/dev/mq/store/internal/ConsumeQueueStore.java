package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * All consume queues of a data directory, by topic and queue id.
 *
 * <p><b>Opened and known queues.</b> After a graceful close the store hands over where every
 * queue ended ({@link #loadKnown(QueueEnds)}); those queues are only <i>known</i> until first used,
 * and {@link #find} or {@link #findOrCreate} opens one then ({@link ConsumeQueue#openAt}), so that
 * start-up reads, maps and keeps in memory nothing per queue. Otherwise {@link #loadAll()} opens
 * and recovers every queue found on disk. The bulk operations (flush, truncate, retention, close)
 * concern opened queues only: a known queue has nothing unflushed and nothing to cut, and is
 * brought up to retention's latest minimum when opened. {@link #ends()} lists both kinds.
 *
 * <p><b>After a crash.</b> The ends recorded at the last checkpoint ({@link QueueEndsJournal},
 * written by {@link #record}) make queues known the same way ({@link #loadRecorded}). Such a
 * record only vouches for the entries below each recorded end; entries written after it are on
 * disk beyond that end, and recovery re-dispatches their records from the checkpoint, writing
 * each again ({@link #redispatchingAfterCrash}). A recorded queue whose directory has no file
 * any more was deleted after the record and stays unknown.
 *
 * <p><b>Records.</b> Every queue tells this store when it first changes after its ends were last
 * recorded; {@link #takeChanged()} and {@link #record} turn those changes into one journal line
 * per checkpoint, or a whole snapshot when the journal has outgrown the last one.
 *
 * <p>Thread-safe: lookups and creation may come from any thread. Each queue keeps its own threading
 * contract ({@link ConsumeQueue}); the bulk operations here simply apply one queue operation to
 * every queue, trying all of them and then throwing the first failure (later ones suppressed).
 */
public final class ConsumeQueueStore {

    private final Path dataDir;
    private final int entriesPerFile;
    private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();
    /** Queues on disk not opened yet: {@code [minOffset, maxOffset]} at the last graceful close. */
    private final ConcurrentMap<String, ConcurrentMap<Integer, long[]>> known = new ConcurrentHashMap<>();
    /** Bytes of queue files read to find where queues end (the scans of recovery and the checks of openAt). */
    private final LongAdder bytesReadForEnds = new LongAdder();
    /** The commit-log minimum the known queues' minimums already account for; raised by retention. */
    private volatile long knownRetentionMin = Long.MIN_VALUE;
    private volatile long retentionMin = Long.MIN_VALUE;
    /** Queues changed since their ends were last recorded, each once. */
    private final ConcurrentLinkedQueue<ConsumeQueue> changed = new ConcurrentLinkedQueue<>();
    /** Orders {@link #record} and {@link #deleteTopic}; guards {@link #removedTopics}. */
    private final Object recordLock = new Object();
    /** Topics deleted since the last record. Guarded by {@link #recordLock}. */
    private final List<String> removedTopics = new ArrayList<>();
    /** The checkpoint the last record belonged to. Guarded by {@link #recordLock}. */
    private long lastRecordedCheckpoint = Long.MIN_VALUE;
    /** Whether the known queues come from a checkpoint's record, after a crash. */
    private volatile boolean knownFromCheckpoint;
    /** Where the log recovered after a crash ends; MAX_VALUE after a graceful close or before recovery. */
    private volatile long recoveredLogEnd = Long.MAX_VALUE;
    /** Set while recovery re-dispatches after a crash: known queues opened may hold entries past their end. */
    private volatile boolean redispatching;

    /**
     * @param dataDir        the store's root directory; queues live under {@code consumequeue/}
     * @param entriesPerFile 20-byte entries per queue file
     */
    public ConsumeQueueStore(Path dataDir, int entriesPerFile) {
        if (entriesPerFile < 1 || entriesPerFile > Integer.MAX_VALUE / ConsumeQueue.ENTRY_SIZE) {
            throw new IllegalArgumentException("entriesPerFile must be in [1, "
                    + Integer.MAX_VALUE / ConsumeQueue.ENTRY_SIZE + "] but was " + entriesPerFile);
        }
        this.dataDir = dataDir;
        this.entriesPerFile = entriesPerFile;
    }

    /**
     * Loads every queue found under {@code consumequeue/<topic>/<queueId>/} that has at least one
     * queue file (each recovered as by {@link ConsumeQueue#load}). Directories whose name is not a
     * queue id are ignored. Call once, before use. On failure the queues loaded so far are closed.
     *
     * @throws StoreException if a directory cannot be listed or a queue cannot be loaded
     */
    public void loadAll() {
        Path root = FileNames.consumeQueueDir(dataDir);
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            for (Path topicDir : list(root)) {
                if (!Files.isDirectory(topicDir)) {
                    continue;
                }
                String topic = topicDir.getFileName().toString();
                for (Path queueDir : list(topicDir)) {
                    int queueId = queueIdOf(queueDir);
                    if (queueId >= 0 && Files.isDirectory(queueDir) && hasQueueFiles(queueDir)) {
                        ConsumeQueue queue = track(ConsumeQueue.load(dataDir, topic, queueId, entriesPerFile,
                                bytesReadForEnds));
                        queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(queueId, queue);
                    }
                }
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Makes the queues of a graceful close known without touching their files; each is opened on
     * first use. Call once, before use, instead of {@link #loadAll()}.
     */
    public void loadKnown(QueueEnds ends) {
        knownRetentionMin = ends.commitLogMinOffset();
        ends.queues().forEach((topic, list) -> {
            ConcurrentMap<Integer, long[]> byId = new ConcurrentHashMap<>();
            for (long[] queue : list) {
                if (queue.length != 3 || queue[0] < 0 || queue[0] > Integer.MAX_VALUE) {
                    throw new StoreException("queue ends of " + topic + " hold a malformed entry "
                            + Arrays.toString(queue));
                }
                byId.put((int) queue[0], new long[] {queue[1], queue[2]});
            }
            known.put(topic, byId);
        });
    }

    /**
     * Makes the queues recorded at the last checkpoint known, after a crash, without touching
     * their files; each is opened on first use. Call once, before use, instead of
     * {@link #loadAll()}, then {@link #redispatchingAfterCrash} around recovery's re-dispatch.
     */
    public void loadRecorded(QueueEndsJournal.Recorded recorded) {
        knownRetentionMin = Long.MIN_VALUE; // retention may have moved minimums after the record
        knownFromCheckpoint = true;
        recorded.queues().forEach((topic, byId) -> known.put(topic, new ConcurrentHashMap<>(byId)));
    }

    /**
     * Tells the store that recovery after a crash found the log ending at {@code logEnd} and is
     * about to re-dispatch (true) or has finished (false). While it re-dispatches, a recorded queue
     * is opened without checking that nothing follows its recorded end: re-dispatch writes those
     * entries again. Afterwards the check is made, and a queue that fails it is recovered by a
     * scan of its files and cut at {@code logEnd}.
     */
    public void redispatchingAfterCrash(long logEnd, boolean active) {
        recoveredLogEnd = logEnd;
        redispatching = active;
    }

    /** Forgets the known queues (recovery found the log not ending where they were recorded). */
    public void forgetKnown() {
        known.clear();
        knownFromCheckpoint = false;
    }

    /** Bytes of queue files read so far to find where queues end. */
    public long bytesReadForEnds() {
        return bytesReadForEnds.sum();
    }

    /**
     * Every queue's {@code [queueId, minOffset, maxOffset]}, opened and known, for
     * {@link QueueEnds}. Call while nothing writes (at close).
     */
    public Map<String, List<long[]>> ends() {
        Map<String, List<long[]>> ends = new TreeMap<>();
        known.forEach((topic, byId) -> byId.forEach((id, range) -> {
            Map<Integer, ConsumeQueue> opened = queues.get(topic);
            if (opened == null || !opened.containsKey(id)) {
                ends.computeIfAbsent(topic, t -> new ArrayList<>()).add(new long[] {id, range[0], range[1]});
            }
        }));
        queues.forEach((topic, byId) -> byId.forEach((id, queue) ->
                ends.computeIfAbsent(topic, t -> new ArrayList<>()).add(
                        new long[] {id, queue.minOffset(), queue.maxOffset()})));
        return ends;
    }

    /** Opens the known queue {@code topic}/{@code queueId}; null if it is not known. */
    private ConsumeQueue openKnown(String topic, int queueId) {
        Map<Integer, long[]> byId = known.get(topic);
        long[] range = byId == null ? null : byId.get(queueId);
        if (range == null) {
            return null;
        }
        Path queueDir = FileNames.consumeQueueDir(dataDir, topic, queueId);
        if (knownFromCheckpoint && !(Files.isDirectory(queueDir) && hasQueueFiles(queueDir))) {
            forget(topic, queueId); // deleted after the record
            return null;
        }
        ConsumeQueue queue = track(ConsumeQueue.openAt(dataDir, topic, queueId, entriesPerFile, range[0], range[1],
                redispatching, recoveredLogEnd, bytesReadForEnds));
        if (queue.minOffset() != range[0] || queue.maxOffset() != range[1]) {
            queue.markChanged(); // its files contradicted the record and were scanned: record what they hold
        }
        long min = retentionMin;
        if (min > knownRetentionMin) {
            queue.deleteFilesBelow(min);
        }
        return queue;
    }

    /** Marks a known queue opened; called once it is in {@link #queues}. */
    private void forget(String topic, int queueId) {
        Map<Integer, long[]> byId = known.get(topic);
        if (byId != null) {
            byId.remove(queueId);
            if (byId.isEmpty()) {
                known.remove(topic, byId);
            }
        }
    }

    /**
     * The queue {@code topic}/{@code queueId}, loaded or created (empty, without files until its
     * first entry) if absent.
     *
     * @throws IllegalArgumentException if the topic cannot be a directory name or the id is negative
     */
    public ConsumeQueue findOrCreate(String topic, int queueId) {
        // the usual case first: an existing queue had its name and id checked when it was created
        ConsumeQueue existing = topic == null ? null : find(topic, queueId);
        if (existing != null) {
            return existing;
        }
        checkTopic(topic);
        if (queueId < 0) {
            throw new IllegalArgumentException("queueId must be >= 0 but was " + queueId);
        }
        ConsumeQueue queue = queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(queueId, id -> {
                    ConsumeQueue opened = openKnown(topic, id);
                    return opened != null ? opened : loadUnknown(topic, id);
                });
        forget(topic, queueId);
        return queue;
    }

    /**
     * Loads a queue that is neither open nor known: a new one, or, after a crash, one created after
     * the last record, whose entries are then cut where the recovered log ends.
     */
    private ConsumeQueue loadUnknown(String topic, int queueId) {
        ConsumeQueue queue = ConsumeQueue.load(dataDir, topic, queueId, entriesPerFile, bytesReadForEnds);
        long logEnd = recoveredLogEnd;
        if (logEnd != Long.MAX_VALUE) {
            try {
                queue.truncateFrom(logEnd);
            } catch (RuntimeException e) {
                try {
                    queue.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }
        track(queue).markChanged(); // not in the last record, if there is one
        return queue;
    }

    /** Has {@code queue} report its changes to this store, for {@link #record}. */
    private ConsumeQueue track(ConsumeQueue queue) {
        queue.onChange(changed::add);
        return queue;
    }

    /**
     * The queues changed since their ends were last recorded, with their marks cleared: the first
     * step of a record, taken before the queues are flushed, so that a change made after it marks
     * its queue again.
     */
    public List<ConsumeQueue> takeChanged() {
        List<ConsumeQueue> taken = new ArrayList<>();
        ConsumeQueue queue;
        while ((queue = changed.poll()) != null) {
            queue.clearChanged();
            taken.add(queue);
        }
        return taken;
    }

    /**
     * Records the ends of the queues in {@code taken} ({@link #takeChanged()}) and the topics deleted
     * since the last record, once every queue was flushed; or, when {@code journal} wants a
     * snapshot, the ends of every queue. An opened queue's end is where its flush got to, so the
     * record claims only entries on the device, and (the queues having been flushed after the
     * checkpoint read {@code checkpointDispatched}) every entry of a record below that position.
     * A queue whose flush stopped short of its maximum (entries waiting for a new file, or written
     * since) stays marked for the next record. Checkpoint thread.
     *
     * @param dispatched where the dispatcher was after the flush: every recorded entry points below
     * @throws StoreException if the journal cannot be written; the taken queues stay marked
     */
    public void record(QueueEndsJournal journal, List<ConsumeQueue> taken, long checkpointDispatched,
                       long dispatched) {
        synchronized (recordLock) {
            Map<String, List<long[]>> changedEnds = new TreeMap<>();
            List<ConsumeQueue> unfinished = new ArrayList<>();
            for (ConsumeQueue queue : taken) {
                if (isCurrent(queue)) {
                    long[] ends = recordedEnds(queue);
                    changedEnds.computeIfAbsent(queue.topic(), t -> new ArrayList<>()).add(ends);
                    if (ends[2] < queue.maxOffset()) {
                        unfinished.add(queue);
                    }
                }
            }
            try {
                if (journal.snapshotDue()) {
                    journal.writeSnapshot(checkpointDispatched, dispatched, recordableEnds());
                } else if (!changedEnds.isEmpty() || !removedTopics.isEmpty()
                        || checkpointDispatched != lastRecordedCheckpoint) {
                    journal.append(checkpointDispatched, dispatched, List.copyOf(removedTopics), changedEnds);
                }
            } catch (RuntimeException e) {
                taken.forEach(ConsumeQueue::markChanged);
                throw e;
            }
            removedTopics.clear();
            lastRecordedCheckpoint = checkpointDispatched;
            unfinished.forEach(ConsumeQueue::markChanged);
        }
    }

    /** Marks again queues taken for a record that failed before it was written. */
    public void untake(List<ConsumeQueue> taken) {
        taken.forEach(ConsumeQueue::markChanged);
    }

    /** Whether {@code queue} is still the live queue of its topic and id. */
    private boolean isCurrent(ConsumeQueue queue) {
        Map<Integer, ConsumeQueue> byId = queues.get(queue.topic());
        return !queue.isClosed() && byId != null && byId.get(queue.queueId()) == queue;
    }

    /** {@code [queueId, min, flushedEnd]} of an opened queue. */
    private static long[] recordedEnds(ConsumeQueue queue) {
        long end = queue.flushedEnd();
        return new long[] {queue.queueId(), Math.min(queue.minOffset(), end), end};
    }

    /** Every queue's ends for a snapshot: known ones as known, opened ones up to their flush. */
    private Map<String, List<long[]>> recordableEnds() {
        Map<String, List<long[]>> ends = new TreeMap<>();
        known.forEach((topic, byId) -> byId.forEach((id, range) -> {
            Map<Integer, ConsumeQueue> opened = queues.get(topic);
            if (opened == null || !opened.containsKey(id)) {
                ends.computeIfAbsent(topic, t -> new ArrayList<>()).add(new long[] {id, range[0], range[1]});
            }
        }));
        queues.forEach((topic, byId) -> byId.forEach((id, queue) -> {
            if (!queue.isClosed()) {
                ends.computeIfAbsent(topic, t -> new ArrayList<>()).add(recordedEnds(queue));
            }
        }));
        return ends;
    }

    /** The queue {@code topic}/{@code queueId} (opened now if it is only known), or null if there is none. */
    public ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        ConsumeQueue queue = byId == null ? null : byId.get(queueId);
        if (queue != null || known.isEmpty()) {
            return queue;
        }
        Map<Integer, long[]> knownById = known.get(topic);
        if (knownById == null || !knownById.containsKey(queueId)) {
            return null;
        }
        queue = queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(queueId, id -> openKnown(topic, id));
        if (queue != null) {
            forget(topic, queueId);
        } else {
            queues.computeIfPresent(topic, (t, opened) -> opened.isEmpty() ? null : opened);
        }
        return queue;
    }

    /** The topics that have queues, opened or known (a sorted snapshot). */
    public Set<String> topics() {
        TreeSet<String> topics = new TreeSet<>(queues.keySet());
        topics.addAll(known.keySet());
        return Collections.unmodifiableSet(topics);
    }

    /** The queue ids of {@code topic}, opened or known (a sorted snapshot; empty if the topic has no queues). */
    public Set<Integer> queueIds(String topic) {
        TreeSet<Integer> ids = new TreeSet<>();
        Map<Integer, ConsumeQueue> byId = queues.get(topic);
        if (byId != null) {
            ids.addAll(byId.keySet());
        }
        Map<Integer, long[]> knownById = known.get(topic);
        if (knownById != null) {
            ids.addAll(knownById.keySet());
        }
        return Collections.unmodifiableSet(ids);
    }

    /**
     * Destroys every queue of {@code topic} and deletes its directory. Readers still holding a
     * queue file keep a valid mapping until they release it.
     */
    public void deleteTopic(String topic) {
        checkTopic(topic);
        RuntimeException failure = null;
        synchronized (recordLock) {
            known.remove(topic);
            Map<Integer, ConsumeQueue> removed = queues.remove(topic);
            removedTopics.add(topic);
            if (removed != null) {
                failure = forEach(removed.values(), ConsumeQueue::destroy);
            }
            try {
                FileTrees.deleteRecursively(FileNames.consumeQueueDir(dataDir).resolve(topic));
            } catch (StoreException e) {
                failure = collect(failure, e);
            }
        }
        throwIfFailed(failure);
    }

    /** {@link ConsumeQueue#flush()} on every queue. */
    public void flushAll() {
        throwIfFailed(forEach(all(), ConsumeQueue::flush));
    }

    /** {@link ConsumeQueue#truncateFrom(long)} on every queue (recovery). */
    public void truncateAll(long commitLogEnd) {
        throwIfFailed(forEach(all(), queue -> queue.truncateFrom(commitLogEnd)));
    }

    /**
     * {@link ConsumeQueue#deleteFilesBelow(long)} on every opened queue (retention); a known queue
     * gets it when opened.
     */
    public void deleteFilesBelow(long commitLogMinOffset) {
        if (commitLogMinOffset > retentionMin) {
            retentionMin = commitLogMinOffset;
        }
        throwIfFailed(forEach(all(), queue -> queue.deleteFilesBelow(commitLogMinOffset)));
    }

    /**
     * The smallest {@link ConsumeQueue#lastCommitLogEnd()} over the queues that have one; -1 if
     * none does. Recovery re-dispatches the commit log from here (or from its own checkpoint).
     */
    public long minLastCommitLogEnd() {
        long min = Long.MAX_VALUE;
        for (ConsumeQueue queue : all()) {
            long end = queue.lastCommitLogEnd();
            if (end >= 0 && end < min) {
                min = end;
            }
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }

    /** The largest {@link ConsumeQueue#lastCommitLogEnd()} over all queues; -1 if none has one. */
    public long maxLastCommitLogEnd() {
        long max = -1;
        for (ConsumeQueue queue : all()) {
            max = Math.max(max, queue.lastCommitLogEnd());
        }
        return max;
    }

    /** Closes every queue (flushing it) and forgets them, the known ones too. Idempotent. */
    public void close() {
        List<ConsumeQueue> open = all();
        queues.clear();
        known.clear();
        throwIfFailed(forEach(open, ConsumeQueue::close));
    }

    private List<ConsumeQueue> all() {
        List<ConsumeQueue> all = new ArrayList<>();
        for (Map<Integer, ConsumeQueue> byId : queues.values()) {
            all.addAll(byId.values());
        }
        return all;
    }

    private static RuntimeException forEach(Iterable<ConsumeQueue> targets, Consumer<ConsumeQueue> action) {
        RuntimeException failure = null;
        for (ConsumeQueue queue : targets) {
            try {
                action.accept(queue);
            } catch (RuntimeException e) {
                failure = collect(failure, e);
            }
        }
        return failure;
    }

    private static RuntimeException collect(RuntimeException failure, RuntimeException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }

    private static void throwIfFailed(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }

    /** Rejects topic names that are not a single directory name (path traversal, separators). */
    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty() || topic.equals(".") || topic.equals("..")
                || topic.indexOf('/') >= 0 || topic.indexOf('\\') >= 0 || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("topic cannot be used as a directory name: '" + topic + "'");
        }
    }

    private static int queueIdOf(Path queueDir) {
        String name = queueDir.getFileName().toString();
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }

    private static boolean hasQueueFiles(Path queueDir) {
        try (Stream<Path> listing = Files.list(queueDir)) {
            return listing.anyMatch(path -> FileNames.pathToOffset(path) >= 0);
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list " + queueDir, e);
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list " + directory, e);
        }
    }
}
