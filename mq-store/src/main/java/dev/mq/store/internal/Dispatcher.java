package dev.mq.store.internal;

import dev.mq.lifecycle.ServiceThread;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.PropertyLocations;
import dev.mq.message.record.RecordView;
import dev.mq.store.DispatchListener;
import dev.mq.store.StoreException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the commit log and turns each record into a consume-queue entry and index entries,
 * then tells listeners which queues grew. The only writer of consume queues and the index.
 *
 * <p>Who dispatches: whoever holds the <em>dispatch role</em> (a compare-and-set flag, as the
 * commit-log writer's role). The dispatcher's own thread takes it for each round of work. A
 * commit-log writer that publishes new bytes while that thread is parked does not wake it: it
 * takes the role itself once it has completed its appends and dispatches what it wrote
 * ({@link #committed()}, {@link #catchUp()}). With a few synchronous senders a write comes every
 * 100-200 us, and the thread's park and wake-up per write cost more CPU than dispatching the
 * write (docs/performance.md); under load the thread is awake and does all the dispatching.
 * Everything the role guards (consume-queue and index writes, the dispatch position, the grown
 * queues) is touched only by its holder; taking and releasing it orders their accesses.
 *
 * <p>New queues: while the thread runs, the first file of a new queue is made by a
 * {@link QueueFileCreator}, and the queue keeps its first entries in memory (readable at once);
 * the dispatcher writes them into the file when the creator reports it, so creating a queue never
 * holds up the others. Until then {@link #durablePosition()} stays below those entries, so a
 * checkpoint never claims them. Recovery and the final dispatch at {@link #stop()} create files
 * on the dispatching thread.
 *
 * <p>Dispatch is idempotent: consume queues ignore entries they already have and the index skips
 * records below its watermark, so recovery may re-dispatch from any earlier record boundary.
 */
public final class Dispatcher implements Runnable, CommitFollower {

    private static final long PARK_NANOS = 1_000_000L;
    private static final long MAX_IDLE_PARK_NANOS = 16_000_000L;

    private final CommitLog commitLog;
    private final ConsumeQueueStore queues;
    private final IndexService index;
    private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();
    private final RecordView view = new RecordView();
    private static final int TAGS_SLOT = 0;
    private static final int KEYS_SLOT = 1;
    private static final int UNIQ_KEY_SLOT = 2;
    private final PropertyLocations properties = new PropertyLocations(PropertyNames.TAGS,
            PropertyNames.KEYS, PropertyNames.UNIQ_KEY);
    /** The queues that received entries since listeners were last told, each once, in first-growth order. */
    private final Set<ConsumeQueue> grown = new LinkedHashSet<>();
    /** The queue added to {@link #grown} last, so a run of records for one queue costs no set lookups. */
    private ConsumeQueue lastGrown;
    /** The topic of the previous record, so a run of records of one topic decodes it once. */
    private String lastTopic;
    private byte[] lastTopicBytes = new byte[0];
    /** {@link IndexKeys#byKeyPrefixHash} and {@link IndexKeys#byUniqueKeyPrefixHash} of {@link #lastTopic}. */
    private int lastTopicKeyHash;
    private int lastTopicUniqueKeyHash;
    private volatile long dispatchedPosition;
    /** The dispatch role: held by whoever dispatches now (the thread, a writer catching up, or stop). */
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean waiting;
    private volatile RuntimeException failure;
    private final ServiceThread thread = new ServiceThread();
    /** Set while the thread runs: new queues get their first file from it. */
    private volatile QueueFileCreator creator;
    /** Queues whose first file the creator reported, to adopt on the dispatcher thread. */
    private final Queue<ConsumeQueue> created = new ConcurrentLinkedQueue<>();
    /** Queues with entries in memory, by the commit-log offset of their first such entry. */
    private final Map<ConsumeQueue, Long> pendingSince = new ConcurrentHashMap<>();

    public Dispatcher(CommitLog commitLog, ConsumeQueueStore queues, IndexService index) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
    }

    public void addListener(DispatchListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DispatchListener listener) {
        listeners.remove(listener);
    }

    /** Every record below this offset has its consume-queue and index entries. */
    public long dispatchedPosition() {
        return dispatchedPosition;
    }

    /**
     * Every record below this offset has consume-queue entries in files (not only in memory) and
     * index entries: what a checkpoint may claim once queues and index are flushed.
     */
    public long durablePosition() {
        long position = dispatchedPosition;
        for (long since : pendingSince.values()) {
            position = Math.min(position, since);
        }
        return position;
    }

    /** Called by the {@link QueueFileCreator} when {@code queue}'s first file is there (or failed). */
    public void fileCreated(ConsumeQueue queue) {
        created.add(queue);
        thread.wake();
    }

    /** The failure that stopped dispatching, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * Dispatches on the calling thread from {@code from} up to {@code end} (used by recovery
     * before the thread starts).
     */
    public void dispatchRange(long from, long end) {
        dispatchedPosition = from;
        dispatchUpTo(end);
        notifyListeners();
    }

    /** Starts the thread; new queues get their first file from {@code creator}, which must be running. */
    public void start(String threadName, QueueFileCreator creator) {
        this.creator = creator;
        running = true;
        thread.start(threadName, this);
    }

    /** Called by the writer after it published new bytes: a parked thread is left parked, for {@link #catchUp}. */
    @Override
    public boolean committed() {
        return waiting && running;
    }

    /**
     * Dispatches what was published, on the writer's thread, unless the role is taken (the thread
     * woke up and does it). A failure stops dispatching as it would on the thread; the writer
     * carries on.
     */
    @Override
    public void catchUp() {
        if (!dispatching.compareAndSet(false, true)) {
            return;
        }
        try {
            if (running) {
                dispatchRound();
            }
        } catch (RuntimeException e) {
            failure = e;
            running = false;
            thread.wake();
        } finally {
            dispatching.set(false);
        }
    }

    /** Adopts created files, dispatches up to the committed end and tells the listeners. Holds the role. */
    private void dispatchRound() {
        adoptCreatedFiles();
        long end = commitLog.committedPosition();
        if (dispatchedPosition < end) {
            dispatchUpTo(end);
        }
        notifyListeners();
    }

    @Override
    public void run() {
        // the writer and the file creator wake it: its parks are a safety net and may grow long
        IdleStrategy idle = new IdleStrategy(PARK_NANOS, MAX_IDLE_PARK_NANOS);
        while (running) {
            try {
                if (dispatchedPosition < commitLog.committedPosition() || !created.isEmpty()) {
                    if (dispatching.compareAndSet(false, true)) {
                        try {
                            dispatchRound();
                        } finally {
                            dispatching.set(false);
                        }
                        idle.reset();
                    } else {
                        Thread.yield(); // a writer is catching up: never park unannounced, it would not wake us
                    }
                    continue;
                }
                if (!idle.willPark()) {
                    idle.idle(this);
                    continue;
                }
                waiting = true;
                if (commitLog.committedPosition() == dispatchedPosition && created.isEmpty() && running) {
                    idle.idle(this);
                }
                waiting = false;
            } catch (RuntimeException e) {
                failure = e;
                running = false;
                throw e;
            }
        }
    }

    private void dispatchUpTo(long end) {
        long position = dispatchedPosition;
        while (position < end) {
            MappedFile segment = commitLog.segmentFor(position);
            if (segment == null) {
                throw new StoreException("no commit-log segment holds offset " + position
                        + " below the committed end " + end);
            }
            ByteBuffer mapping = segment.mapping();
            int local = (int) (position - segment.startOffset());
            int limit = (int) Math.min(segment.size(), end - segment.startOffset());
            switch (view.check(mapping, local, limit, false)) {
                case VALID -> {
                    dispatch(view, position);
                    position += view.totalSize();
                }
                case BLANK -> position = segment.startOffset() + segment.size();
                case EMPTY, CORRUPT -> throw new StoreException("unreadable record at commit-log offset " + position
                        + " below the committed end " + end);
            }
            dispatchedPosition = position;
        }
    }

    private void dispatch(RecordView record, long position) {
        String topic = topicOf(record);
        int queueId = record.queueId();
        int size = record.totalSize();
        record.locateProperties(properties);
        long tagHash = properties.present(TAGS_SLOT) ? properties.valueHash(TAGS_SLOT, 0) : 0L;
        ConsumeQueue queue = queues.findOrCreate(topic, queueId);
        boolean wasPending = queue.hasPendingEntries();
        queue.put(record.queueOffset(), position, size, tagHash, creator);
        if (queue.hasPendingEntries() != wasPending) {
            if (wasPending) {
                pendingSince.remove(queue);
            } else {
                pendingSince.put(queue, position);
            }
        }
        if (position >= index.indexedUpTo()) {
            long storeTimestamp = record.storeTimestamp();
            if (properties.present(KEYS_SLOT)) {
                indexKeys(position, storeTimestamp);
            }
            if (properties.present(UNIQ_KEY_SLOT)) {
                index.putHashed(properties.valueHash(UNIQ_KEY_SLOT, lastTopicUniqueKeyHash), position,
                        storeTimestamp);
            }
            index.markIndexed(position + size);
        }
        if (queue != lastGrown) {
            grown.add(queue);
            lastGrown = queue;
        }
    }

    /** Files each non-empty, space-separated word of KEYS under {@link IndexKeys#byKey}. */
    private void indexKeys(long position, long storeTimestamp) {
        int end = properties.end(KEYS_SLOT);
        int word = properties.start(KEYS_SLOT);
        while (word < end) {
            int wordEnd = word;
            while (wordEnd < end && properties.byteAt(wordEnd) != ' ') {
                wordEnd++;
            }
            if (wordEnd > word) {
                index.putHashed(properties.hash(word, wordEnd, lastTopicKeyHash), position, storeTimestamp);
            }
            word = wordEnd + 1;
        }
    }

    private String topicOf(RecordView record) {
        if (lastTopic == null || !record.topicEquals(lastTopicBytes)) {
            lastTopic = record.topic();
            lastTopicBytes = lastTopic.getBytes(StandardCharsets.UTF_8);
            lastTopicKeyHash = IndexKeys.byKeyPrefixHash(lastTopic);
            lastTopicUniqueKeyHash = IndexKeys.byUniqueKeyPrefixHash(lastTopic);
        }
        return lastTopic;
    }

    private void notifyListeners() {
        if (grown.isEmpty()) {
            return;
        }
        for (ConsumeQueue queue : grown) {
            for (DispatchListener listener : listeners) {
                listener.onDispatched(queue.topic(), queue.queueId(), queue.maxOffset());
            }
        }
        grown.clear();
        lastGrown = null;
    }

    /** Writes the entries kept in memory into the files the creator made. Dispatching thread. */
    private void adoptCreatedFiles() {
        ConsumeQueue queue;
        while ((queue = created.poll()) != null) {
            queue.adoptCreatedFile();
            pendingSince.remove(queue);
        }
    }

    /**
     * Dispatches what is left up to the committed end (creating files itself) and writes every
     * queue's entries kept in memory into its file, then stops the thread. The creator must still
     * be running.
     */
    public void stop() {
        running = false;
        thread.stopAndJoin();
        while (!dispatching.compareAndSet(false, true)) {
            Thread.onSpinWait(); // a writer still catching up (it saw running before it was cleared)
        }
        try {
            creator = null;
            if (failure == null) {
                dispatchUpTo(commitLog.committedPosition());
                notifyListeners();
                created.clear();
                for (ConsumeQueue queue : pendingSince.keySet()) {
                    queue.adoptCreatedFile();
                    pendingSince.remove(queue);
                }
            }
        } finally {
            dispatching.set(false);
        }
    }
}
