package dev.mq.store.internal;

import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;
import dev.mq.store.record.RecordLayout;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The single writer of the commit log. Callers on any thread {@link #submit} encoded records;
 * this class's own thread drains them in order, assigns queue offsets, copies the bytes into the
 * active segment, publishes the new end of the log and completes each request (at once with
 * {@link FlushMode#ASYNC}, after the group flush with {@link FlushMode#SYNC}).
 *
 * <p>Crash safety: each request's bytes are copied first and the TOTALSIZE of its first record is
 * written last, after a release fence. A process killed mid-copy therefore leaves a zero size at
 * the start of the request, which recovery reads as the end of the log: a batch is stored whole
 * or not at all.
 *
 * <p>Everything but the request queue is confined to the writer thread; {@link #assertOwner()}
 * checks it when assertions are on.
 */
public final class CommitLogAppender implements Runnable {

    private static final int SPINS_BEFORE_PARK = 64;
    private static final long PARK_NANOS = 1_000_000L;

    private final CommitLog commitLog;
    private final SegmentPreparer preparer;
    private final FlushService flushService;
    private final FlushMode flushMode;
    private final Clock clock;
    private final QueueOffsetSource offsetSource;
    private final int capacity;
    private final Runnable onCommitted;

    private final ConcurrentLinkedQueue<AppendRequest> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean accepting;
    private volatile boolean running;
    private volatile boolean waiting;
    private volatile Throwable failure;
    private Thread thread;

    // writer-thread state
    private final Map<String, long[]> queueOffsets = new HashMap<>();
    private MappedFile active;
    private long writePosition;

    /**
     * @param onCommitted called on the writer thread after new bytes are published (wakes the dispatcher)
     */
    public CommitLogAppender(CommitLog commitLog, SegmentPreparer preparer, FlushService flushService,
                             FlushMode flushMode, Clock clock, QueueOffsetSource offsetSource, int capacity,
                             Runnable onCommitted) {
        this.commitLog = commitLog;
        this.preparer = preparer;
        this.flushService = flushService;
        this.flushMode = flushMode;
        this.clock = clock;
        this.offsetSource = offsetSource;
        this.capacity = capacity;
        this.onCommitted = onCommitted;
    }

    /** Starts writing at the recovered end of the log. */
    public void start(String threadName) {
        writePosition = commitLog.committedPosition();
        active = commitLog.segmentFor(writePosition);
        accepting = true;
        running = true;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The I/O failure that stopped the writer, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Queues a request; completes it at once when the writer cannot take it. */
    public void submit(AppendRequest request) {
        if (!accepting) {
            request.future.complete(AppendResult.refused(AppendStatus.STORE_CLOSED, "the store is closed"));
            return;
        }
        if (failure != null) {
            request.future.complete(AppendResult.refused(AppendStatus.IO_ERROR,
                    "the commit log stopped after an I/O failure: " + failure));
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            request.future.complete(AppendResult.refused(AppendStatus.BUSY,
                    capacity + " appends are already waiting for the writer"));
            return;
        }
        queue.offer(request);
        if (!accepting && queue.remove(request)) {
            // stop() ran between the check above and the offer; nobody will write this request
            request.future.complete(AppendResult.refused(AppendStatus.STORE_CLOSED, "the store is closed"));
            return;
        }
        if (waiting) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        int idle = 0;
        while (true) {
            AppendRequest request = queue.poll();
            if (request == null) {
                if (!running) {
                    break;
                }
                if (flushMode == FlushMode.SYNC) {
                    flushService.expireOverdue(System.nanoTime());
                }
                if (++idle < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    waiting = true;
                    if (queue.isEmpty() && running) {
                        LockSupport.parkNanos(this, PARK_NANOS);
                    }
                    waiting = false;
                }
                continue;
            }
            idle = 0;
            queued.decrementAndGet();
            process(request);
        }
    }

    private void process(AppendRequest request) {
        assertOwner();
        if (failure != null) {
            request.future.complete(AppendResult.refused(AppendStatus.IO_ERROR,
                    "the commit log stopped after an I/O failure: " + failure));
            return;
        }
        AppendResult result;
        try {
            result = write(request);
        } catch (RuntimeException | InternalError e) {
            // InternalError: the JVM's report of a fault while writing the mapping (e.g. no disk space)
            failure = e;
            request.future.complete(AppendResult.refused(AppendStatus.IO_ERROR, "cannot write the commit log: " + e));
            return;
        }
        onCommitted.run();
        if (flushMode == FlushMode.SYNC) {
            flushService.awaitFlush(writePosition, result, request.future, System.nanoTime());
            flushService.expireOverdue(System.nanoTime());
        } else {
            request.future.complete(result);
        }
    }

    private AppendResult write(AppendRequest request) {
        byte[] data = request.data;
        int total = data.length;
        ensureSpace(total);
        long first = writePosition;
        long storeTimestamp = clock.millis();
        int count = request.recordLengths.length;
        long queueOffset = takeQueueOffsets(request.topic, request.queueId, count);
        long[] offsets = new long[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = first + at;
            patch(data, at, queueOffset + i, first + at, storeTimestamp);
            at += request.recordLengths[i];
        }
        ByteBuffer mapping = active.mapping();
        int local = (int) (first - active.startOffset());
        mapping.put(local + 4, data, 4, total - 4);
        VarHandle.releaseFence();
        mapping.putInt(local, request.recordLengths[0]);
        writePosition = first + total;
        commitLog.publishCommitted(writePosition);
        return new AppendResult(AppendStatus.OK, first, total, storeTimestamp, queueOffset, offsets, null);
    }

    private static void patch(byte[] data, int at, long queueOffset, long physicalOffset, long storeTimestamp) {
        ByteBuffer record = ByteBuffer.wrap(data, at, data.length - at).slice();
        record.putLong(RecordLayout.QUEUE_OFFSET, queueOffset);
        record.putLong(RecordLayout.PHYSICAL_OFFSET, physicalOffset);
        int sysFlag = record.getInt(RecordLayout.SYS_FLAG);
        record.putLong(RecordLayout.storeTimestampPosition(sysFlag), storeTimestamp);
    }

    /** Makes sure {@code size} bytes plus a blank record fit in the active segment, rolling if not. */
    private void ensureSpace(int size) {
        if (active == null) {
            active = roll(writePosition);
        }
        long end = active.startOffset() + active.size();
        if (writePosition + size + RecordLayout.BLANK_SIZE <= end) {
            return;
        }
        int local = (int) (writePosition - active.startOffset());
        int remaining = active.size() - local;
        ByteBuffer mapping = active.mapping();
        mapping.putInt(local + RecordLayout.MAGIC, RecordLayout.MAGIC_BLANK);
        VarHandle.releaseFence();
        mapping.putInt(local, remaining);
        writePosition = end;
        commitLog.publishCommitted(writePosition);
        active = roll(end);
    }

    private MappedFile roll(long startOffset) {
        MappedFile existing = commitLog.segmentFor(startOffset);
        if (existing != null) {
            return existing;
        }
        MappedFile next = preparer.take(startOffset);
        commitLog.addSegment(next);
        return next;
    }

    private long takeQueueOffsets(String topic, int queueId, int count) {
        long[] offsets = queueOffsets.get(topic);
        if (offsets == null || offsets.length <= queueId) {
            long[] grown = new long[Math.max(queueId + 1, offsets == null ? 8 : offsets.length * 2)];
            java.util.Arrays.fill(grown, -1L);
            if (offsets != null) {
                System.arraycopy(offsets, 0, grown, 0, offsets.length);
            }
            offsets = grown;
            queueOffsets.put(topic, offsets);
        }
        if (offsets[queueId] < 0) {
            offsets[queueId] = offsetSource.nextOffset(topic, queueId);
        }
        long first = offsets[queueId];
        offsets[queueId] = first + count;
        return first;
    }

    private void assertOwner() {
        assert Thread.currentThread() == thread
                : "commit-log writes must run on the appender thread, not " + Thread.currentThread().getName();
    }

    /**
     * Stops accepting, writes everything already queued, and stops the thread. Appends submitted
     * after this call complete with {@link AppendStatus#STORE_CLOSED}.
     */
    public void stop() {
        accepting = false;
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AppendRequest left;
        while ((left = queue.poll()) != null) {
            left.future.complete(AppendResult.refused(AppendStatus.STORE_CLOSED, "the store is closed"));
        }
    }
}
