package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.ReceivedMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's state of one assigned queue: the messages pulled and not yet consumed (in pull
 * order, which is offset order), where the next pull starts, and so the offset that may be
 * committed: the lowest offset not yet consumed, or the next pull offset when everything pulled was
 * consumed (messages the client's tag check filtered out count as consumed).
 *
 * <p>Pulled messages are kept as the batches they arrived in, each message marked when consumed;
 * a batch leaves once all its messages are consumed. Completing, adding and computing the offset
 * are O(1) per message and allocate nothing per message. Completing takes no lock but when it
 * finishes a batch: consume threads mark messages and count them with atomics, and the offset is
 * worked out from the marks under the lock when asked for.
 *
 * <p>A queue taken away (rebalance, offset reset, close) is {@link #drop() dropped}: its cache is
 * emptied and whatever still arrives for it is ignored; the consumer makes a new one if the queue
 * comes back. Thread-safe.
 */
public final class ProcessQueue {

    /** {@link #lastConsumeNanos} before the first message is consumed. */
    private static final long NEVER = Long.MIN_VALUE;

    /**
     * Pulled messages as they arrived; {@code done} marks consumed ones (1). The body lengths are
     * read once, on the pull thread where the messages were just decoded, so that completing
     * messages on a consume thread does not touch them (for a listener that does not read them
     * either, that would be two cache misses per message).
     */
    static final class CachedBatch {
        final ReceivedMessage[] messages;
        final int[] bodyLengths;
        final long bodyBytes;
        final AtomicIntegerArray done;
        final AtomicInteger doneCount = new AtomicInteger();
        /** No message before it is pending; moved forward under the queue's lock only. */
        int firstPending;

        CachedBatch(ReceivedMessage[] messages) {
            this.messages = messages;
            this.bodyLengths = new int[messages.length];
            long bytes = 0;
            for (int i = 0; i < messages.length; i++) {
                bodyLengths[i] = messages[i].body().length;
                bytes += bodyLengths[i];
            }
            this.bodyBytes = bytes;
            this.done = new AtomicIntegerArray(messages.length);
        }

        boolean isDone(int index) {
            return done.get(index) == 1;
        }

        boolean allDone() {
            return doneCount.get() == messages.length;
        }
    }

    /** Messages {@code from} (inclusive) to {@code to} (exclusive) of one batch of one queue. */
    record Slice(ProcessQueue queue, CachedBatch batch, int from, int to) {

        /** The messages, as an unmodifiable list. */
        List<ReceivedMessage> messages() {
            if (to - from == 1) {
                return List.of(batch.messages[from]);
            }
            ReceivedMessage[] copy = new ReceivedMessage[to - from];
            System.arraycopy(batch.messages, from, copy, 0, copy.length);
            return List.of(copy);
        }

        int size() {
            return to - from;
        }
    }

    private final MessageQueue queue;
    private final ArrayDeque<CachedBatch> batches = new ArrayDeque<>();
    private long nextOffset;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean dropped;
    private long droppedAt = -1;
    private volatile long lastPullMillis;
    /** When a message was last marked consumed ({@link System#nanoTime()}), or {@link #NEVER}. */
    private volatile long lastConsumeNanos = NEVER;

    /** Set while the queue waits for room in its cache or for the consumer to resume (see the puller). */
    final AtomicBoolean parked = new AtomicBoolean();
    /** Where the queue's pull loop is (see the puller's watchdog). */
    final PullState pullState = new PullState();
    /** Orderly: set while a consume task for this queue is queued, running or suspended. */
    final AtomicBoolean scheduled = new AtomicBoolean();
    /** Orderly: held while the listener runs on this queue's messages. */
    final ReentrantLock consumeLock = new ReentrantLock();
    private volatile boolean locked;
    private volatile long lastLockMillis;

    /** A queue whose next pull starts at {@code startOffset}. */
    public ProcessQueue(MessageQueue queue, long startOffset) {
        this.queue = queue;
        this.nextOffset = startOffset;
    }

    /** The queue. */
    public MessageQueue queue() {
        return queue;
    }

    /** Where the next pull starts. */
    public synchronized long nextOffset() {
        return nextOffset;
    }

    /**
     * Adds what a pull returned and moves the next pull offset, in one step (so the committable
     * offset never skips a message that is not cached yet).
     *
     * @return the batch, or null when nothing was added (no messages, or dropped)
     */
    synchronized CachedBatch add(List<ReceivedMessage> messages, long newNextOffset) {
        if (dropped) {
            return null;
        }
        lastPullMillis = System.currentTimeMillis();
        nextOffset = newNextOffset;
        if (messages.isEmpty()) {
            return null;
        }
        CachedBatch batch = new CachedBatch(messages.toArray(ReceivedMessage[]::new));
        batches.addLast(batch);
        pendingCount.addAndGet(batch.messages.length);
        pendingBytes.addAndGet(batch.bodyBytes);
        return batch;
    }

    /**
     * Marks messages {@code from}..{@code to} of {@code batch} consumed (those not marked yet).
     *
     * @return how many were newly marked
     */
    int complete(CachedBatch batch, int from, int to) {
        return complete(batch, from, to, System.nanoTime());
    }

    /**
     * Marks messages consumed as {@link #complete(CachedBatch, int, int)} does, at {@code nowNanos}
     * (the caller's {@link System#nanoTime()}, so that the clock is not read again).
     */
    int complete(CachedBatch batch, int from, int to, long nowNanos) {
        if (dropped) {
            return 0;
        }
        int marked = 0;
        long bytes = 0;
        for (int i = from; i < to; i++) {
            if (batch.done.compareAndSet(i, 0, 1)) {
                bytes += batch.bodyLengths[i];
                marked++;
            }
        }
        if (marked == 0) {
            return 0;
        }
        pendingCount.addAndGet(-marked);
        pendingBytes.addAndGet(-bytes);
        lastConsumeNanos = nowNanos;
        if (batch.doneCount.addAndGet(marked) == batch.messages.length) {
            synchronized (this) {
                head();
            }
        }
        return marked;
    }

    /**
     * The oldest batch with a message not consumed yet, its {@code firstPending} moved to that
     * message, or null; batches before it leave the cache. Called under the lock.
     */
    private CachedBatch head() {
        CachedBatch head;
        while ((head = batches.peekFirst()) != null) {
            if (head.allDone()) {
                batches.pollFirst();
                continue;
            }
            while (head.firstPending < head.messages.length && head.isDone(head.firstPending)) {
                head.firstPending++;
            }
            if (head.firstPending < head.messages.length) {
                return head;
            }
            batches.pollFirst(); // its last marks are being counted: all done
        }
        return null;
    }

    /** Marks a slice consumed; see {@link #complete(CachedBatch, int, int)}. */
    int complete(Slice slice) {
        return complete(slice.batch(), slice.from(), slice.to());
    }

    /** Marks a slice consumed at {@code nowNanos}; see {@link #complete(CachedBatch, int, int, long)}. */
    int complete(Slice slice, long nowNanos) {
        return complete(slice.batch(), slice.from(), slice.to(), nowNanos);
    }

    /**
     * The offset to commit: the lowest one pulled and not consumed yet, or the next pull offset when
     * every pulled message was consumed.
     */
    public synchronized long committableOffset() {
        if (dropped) {
            return droppedAt;
        }
        CachedBatch head = head();
        return head == null ? nextOffset : head.messages[head.firstPending].queueOffset();
    }

    /**
     * Orderly and pull consumers: the next {@code max} messages not consumed yet, in offset order
     * (from one batch), or null when none is cached. They stay cached until {@link #complete}d.
     */
    synchronized Slice next(int max) {
        CachedBatch head = dropped ? null : head();
        if (head == null) {
            return null;
        }
        int from = head.firstPending;
        int to = from;
        while (to < head.messages.length && to - from < max && !head.isDone(to)) {
            to++;
        }
        return new Slice(this, head, from, to);
    }

    /**
     * Pull consumers: takes up to {@code max} messages in offset order and marks them consumed (they
     * are handed to the application).
     */
    synchronized List<ReceivedMessage> take(int max, List<ReceivedMessage> into) {
        int taken = 0;
        Slice slice;
        while (taken < max && (slice = next(max - taken)) != null) {
            for (int i = slice.from(); i < slice.to(); i++) {
                into.add(slice.batch().messages[i]);
            }
            taken += slice.size();
            complete(slice);
        }
        return into;
    }

    /**
     * Replaces a cached message by {@code message}: the same one, retried once more (same body, so
     * the batch's body lengths stay true).
     */
    synchronized void replace(CachedBatch batch, int index, ReceivedMessage message) {
        batch.messages[index] = message;
    }

    /** Messages pulled and not consumed yet. */
    public int pendingCount() {
        return dropped ? 0 : pendingCount.get();
    }

    /** Body bytes of the messages pulled and not consumed yet. */
    public long pendingBytes() {
        return dropped ? 0 : pendingBytes.get();
    }

    /** Whether the cache holds fewer than {@code maxCount} messages and {@code maxBytes} bytes. */
    boolean hasRoom(int maxCount, long maxBytes) {
        return pendingCount.get() < maxCount && pendingBytes.get() < maxBytes;
    }

    /** The smallest and largest cached offsets ({-1, -1} when empty), for running info. */
    synchronized long[] cachedRange() {
        CachedBatch first = head();
        CachedBatch last = batches.peekLast();
        if (first == null) {
            return new long[] {-1, -1};
        }
        return new long[] {first.messages[first.firstPending].queueOffset(),
                last.messages[last.messages.length - 1].queueOffset()};
    }

    /** The cached messages not consumed yet, in offset order (for tests and running info; copies). */
    synchronized List<ReceivedMessage> pendingMessages() {
        List<ReceivedMessage> pending = new ArrayList<>(Math.max(0, pendingCount.get()));
        for (CachedBatch batch : batches) {
            for (int i = batch.firstPending; i < batch.messages.length; i++) {
                if (!batch.isDone(i)) {
                    pending.add(batch.messages[i]);
                }
            }
        }
        return pending;
    }

    /**
     * Takes the queue away: empties the cache; later pulls and completions are ignored, and
     * {@link #committableOffset()} stays what it was at this moment.
     */
    public synchronized void drop() {
        if (dropped) {
            return;
        }
        droppedAt = committableOffset();
        dropped = true;
        batches.clear();
        pendingCount.set(0);
        pendingBytes.set(0);
    }

    /** Whether the queue waits for room in its cache or for the consumer to resume (no pull under way). */
    public boolean isParked() {
        return parked.get();
    }

    /** How many pulls of this queue were sent (tests and diagnostics). */
    public long pullsSent() {
        return pullState.sent();
    }

    /** Whether the queue was taken away. */
    public boolean isDropped() {
        return dropped;
    }

    /** Orderly, clustering: whether this client holds the broker's lock of the queue. */
    boolean isLocked() {
        return locked;
    }

    /** Orderly: whether the lock is held and was confirmed within {@code ttlMillis}. */
    boolean isLockValid(long ttlMillis) {
        return locked && System.currentTimeMillis() - lastLockMillis <= ttlMillis;
    }

    /** Orderly: the broker confirmed (true) or refused (false) this client's lock of the queue. */
    void setLocked(boolean locked) {
        this.locked = locked;
        if (locked) {
            lastLockMillis = System.currentTimeMillis();
        }
    }

    long lastLockMillis() {
        return lastLockMillis;
    }

    long lastPullMillis() {
        return lastPullMillis;
    }

    /** When a message was last marked consumed (epoch milliseconds), 0 if never. */
    long lastConsumeMillis() {
        long nanos = lastConsumeNanos;
        return nanos == NEVER ? 0
                : System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Override
    public String toString() {
        return "ProcessQueue[" + queue + (dropped ? " dropped" : "") + "]";
    }
}
