package dev.mq.store.internal;

import dev.mq.lifecycle.ServiceThread;
import dev.mq.message.record.RecordLayout;
import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single writer of the commit log. Callers on any thread {@link #submit} encoded records;
 * this class's own thread drains them in order, assigns queue offsets, copies the bytes into the
 * active segment, publishes the new end of the log and completes each request (at once with
 * {@link FlushMode#ASYNC}, after the group flush with {@link FlushMode#SYNC}).
 *
 * <p>Bytes reach the segment by positional writes through its channel, one write per drained
 * batch of requests (gathered in a direct buffer), never through the mapping: the writer takes no
 * page faults, a full disk surfaces as an {@code IOException} instead of a SIGBUS, and the
 * group-commit flush is a plain fdatasync. Readers see the bytes through the mapping, which
 * shares the page cache.
 *
 * <p>Crash safety: the TOTALSIZE of the first record of each write is zero in the bulk write and
 * written by a second, 4-byte write afterwards. A process killed in between (or during a short
 * bulk write) leaves a zero size at the start of the write, which recovery reads as the end of
 * the log: the requests of a write, and so each batch, are stored whole or not at all. Nothing is
 * acknowledged before both writes returned.
 *
 * <p>One writer at a time: the appender thread, or, while that thread sleeps, the thread that
 * submits a request. A submitter that finds the appender parked takes the writer role (a CAS),
 * writes what is queued (one batch) and completes the requests itself, so a lone append crosses
 * no thread: at low concurrency that saves the wake-up of the appender and, for a broker, the
 * wake-up of the I/O thread that sends the response. Under load the appender is awake (spinning
 * or draining), submitters only queue, and its thread does all the writing. Everything but the
 * request queue is confined to whoever holds the role ({@link #writing}); taking and releasing it
 * orders their accesses, and {@link #assertOwner()} checks it when assertions are on. SYNC
 * acknowledgements stay on the appender thread, which the flush service wakes.
 *
 * <p>A submitter that handles requests in bursts (a broker's I/O thread: all the sends of one
 * socket read) passes an executor that runs tasks on its own thread after the burst. Finding the
 * appender parked, it leaves the write to a task there instead of writing at once, so the burst's
 * requests share one write (one pair of positional writes instead of one per request, measured
 * with 32 synchronous senders: 2.2 write calls a message before, 0.5 after). One such task is
 * pending at a time, shared by every submitter; should it never run, the parked appender finds
 * the requests at its next look (its parks last {@link #PARK_NANOS}, growing to
 * {@link #MAX_IDLE_PARK_NANOS} while it stays idle with ASYNC flush).
 */
public final class CommitLogAppender implements Runnable {

    private static final int MAX_BATCH = 256;
    private static final int WRITE_BUFFER_SIZE = 1024 * 1024;
    private static final int PAGE = MappedFile.PAGE;
    private static final byte[] PAGE_OF_ZEROS = new byte[PAGE];
    private static final long PARK_NANOS = 1_000_000L;
    /** The longest park of an idle ASYNC appender (submitters wake it; the park is a safety net). */
    private static final long MAX_IDLE_PARK_NANOS = 16_000_000L;
    /** How many fruitless {@link #acknowledgeFlushed()} calls pass between two checks of the flush deadlines. */
    private static final int DEADLINE_CHECK_EVERY = 64;

    private final CommitLog commitLog;
    private final SegmentPreparer preparer;
    private final FlushService flushService;
    private final FlushMode flushMode;
    private final Clock clock;
    private final QueueOffsetSource offsetSource;
    private final int capacity;
    private final CommitFollower follower;

    private final ConcurrentLinkedQueue<AppendRequest> queue = new ConcurrentLinkedQueue<>();
    /** The writer role: held by the appender thread or a submitter while it writes, and by {@link #stop()} for good. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Whether a task given to a submitter's executor will write what is queued (see {@link #submit(AppendRequest, Executor)}). */
    private final AtomicBoolean writeTaskPending = new AtomicBoolean();
    /** Who holds {@link #writing}, for {@link #assertOwner()}; written and read only by the holder. */
    private Thread writer;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean accepting;
    private volatile boolean running;
    private volatile boolean waiting;
    private volatile Throwable failure;
    private final ServiceThread thread = new ServiceThread();

    // writer-thread state
    private final Map<String, long[]> queueOffsets = new HashMap<>();
    private MappedFile active;
    private long writePosition;
    private ByteBuffer writeBuffer = newWriteBuffer(WRITE_BUFFER_SIZE);
    private final ByteBuffer sizeBuffer = ByteBuffer.allocateDirect(4);
    /** Commit-log offset of the first byte in {@link #writeBuffer}, or -1 when it is empty. */
    private long bufferStart = -1;
    private final AppendRequest[] batch = new AppendRequest[MAX_BATCH];
    private final AppendResult[] results = new AppendResult[MAX_BATCH];
    /** SYNC: written appends waiting for the flush, oldest first. */
    private final java.util.ArrayDeque<UnflushedAppend> unflushed = new java.util.ArrayDeque<>();
    private final long syncTimeoutNanos;
    private int callsSinceDeadlineCheck;

    private record UnflushedAppend(long end, long deadlineNanos, AppendResult result,
                                   java.util.concurrent.CompletableFuture<AppendResult> future) {
    }

    /**
     * @param follower told on the writer thread after new bytes are published (the dispatcher)
     */
    public CommitLogAppender(CommitLog commitLog, SegmentPreparer preparer, FlushService flushService,
                             FlushMode flushMode, java.time.Duration syncTimeout, Clock clock,
                             QueueOffsetSource offsetSource, int capacity, CommitFollower follower) {
        this.commitLog = commitLog;
        this.preparer = preparer;
        this.flushService = flushService;
        this.flushMode = flushMode;
        this.clock = clock;
        this.offsetSource = offsetSource;
        this.capacity = capacity;
        this.follower = follower;
        this.syncTimeoutNanos = syncTimeout.toNanos();
        flushService.onFlushed(this::wake);
    }

    private void wake() {
        if (waiting) {
            thread.wake();
        }
    }

    /** Starts writing at the recovered end of the log. */
    public void start(String threadName) {
        writePosition = commitLog.committedPosition();
        active = commitLog.segmentFor(writePosition);
        accepting = true;
        running = true;
        thread.start(threadName, this);
    }

    /** The I/O failure that stopped the writer, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Queues a request; completes it at once when the writer cannot take it. */
    public void submit(AppendRequest request) {
        submit(request, null);
    }

    /**
     * Queues a request; completes it at once when the writer cannot take it. With the appender
     * parked, the caller writes what is queued: at once when {@code writeLater} is null, else in a
     * task given to {@code writeLater} (one pending task for all callers), so that requests
     * submitted until that task runs share its write. A rejected task is written at once instead.
     */
    public void submit(AppendRequest request, Executor writeLater) {
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
        if (!waiting) {
            return;
        }
        if (writeLater == null) {
            writeHereOrWake(null);
            return;
        }
        if (writeTaskPending.compareAndSet(false, true)) {
            try {
                writeLater.execute(() -> runWriteTask(writeLater));
            } catch (RejectedExecutionException e) {
                writeTaskPending.set(false);
                writeHereOrWake(null);
            }
        }
    }

    private void runWriteTask(Executor writeLater) {
        // cleared before draining: a request queued after the drain's last poll schedules a task of its own
        writeTaskPending.set(false);
        writeHereOrWake(writeLater);
    }

    /** {@code later}: where the follower catches up after the write (null: at once, on this thread). */
    private void writeHereOrWake(Executor later) {
        if (!writeHere(later)) {
            thread.wake();
        }
    }

    /**
     * The appender is parked: takes the writer role and writes one batch on the calling thread.
     * Returns false when the role was taken, or requests are still queued after the batch, so
     * the appender must be woken.
     */
    private boolean writeHere(Executor later) {
        if (!takeRole()) {
            return false;
        }
        try {
            drain(later);
        } finally {
            releaseRole();
        }
        return queue.isEmpty();
    }

    private boolean takeRole() {
        if (!writing.compareAndSet(false, true)) {
            return false;
        }
        writer = Thread.currentThread();
        return true;
    }

    private void releaseRole() {
        writer = null;
        writing.set(false);
    }

    @Override
    public void run() {
        // SYNC keeps looking every millisecond: it checks the flush deadlines of appends it holds
        IdleStrategy idle = flushMode == FlushMode.SYNC
                ? new IdleStrategy(PARK_NANOS) : new IdleStrategy(PARK_NANOS, MAX_IDLE_PARK_NANOS);
        while (true) {
            int work = 0;
            // ASYNC has nothing to acknowledge: with an empty queue, spin on a plain read, not on the role's CAS
            if ((flushMode == FlushMode.SYNC || !queue.isEmpty()) && takeRole()) {
                try {
                    work = drain(null) + acknowledgeFlushed();
                } finally {
                    releaseRole();
                }
            }
            if (work > 0) {
                idle.reset();
                continue;
            }
            if (!running && !writing.get() && queue.isEmpty()) {
                break;
            }
            if (idle.willPark()) {
                waiting = true;
                if (queue.isEmpty() && running && !acknowledgementDue()) {
                    idle.idle(this);
                }
                waiting = false;
            } else {
                idle.idle(this);
            }
        }
    }

    /**
     * Writes up to {@link #MAX_BATCH} queued requests, then publishes the new end of the log once,
     * tells the dispatcher once and completes the requests. Returns the number written.
     * {@code catchUpOn}: the executor of the write task doing this drain, where the dispatcher
     * catches up if it asks to (null: on this thread).
     */
    private int drain(Executor catchUpOn) {
        int count = 0;
        AppendRequest request;
        while (count < MAX_BATCH && (request = queue.poll()) != null) {
            queued.decrementAndGet();
            AppendResult result = process(request);
            if (result != null) {
                batch[count] = request;
                results[count] = result;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        try {
            writeBuffered();
        } catch (RuntimeException e) {
            // nothing of this drain reached the log whole: fail every request in it
            failure = e;
            for (int i = 0; i < count; i++) {
                batch[i].future.complete(AppendResult.refused(AppendStatus.IO_ERROR,
                        "cannot write the commit log: " + e));
            }
            java.util.Arrays.fill(batch, 0, count, null);
            java.util.Arrays.fill(results, 0, count, null);
            return count;
        }
        commitLog.publishCommitted(writePosition);
        boolean catchUp = follower.committed();
        try {
            complete(count);
        } finally {
            if (catchUp) {
                catchUpFollower(catchUpOn);
            }
        }
        return count;
    }

    /**
     * Lets the follower catch up after the completions, so that the appends' answers never wait
     * for it: on the executor that ran this write when there is one (a broker's I/O thread, where
     * the answers are flushed by a task queued before this one), else at once.
     */
    private void catchUpFollower(Executor later) {
        if (later != null) {
            try {
                later.execute(follower::catchUp);
                return;
            } catch (RejectedExecutionException e) {
                // shutting down: catch up here
            }
        }
        follower.catchUp();
    }

    /** Completes the {@code count} requests of the write just published (SYNC: hands them to the flush). */
    private void complete(int count) {
        if (flushMode == FlushMode.SYNC) {
            flushService.wake();
            long deadline = System.nanoTime() + syncTimeoutNanos;
            for (int i = 0; i < count; i++) {
                AppendResult result = results[i];
                unflushed.add(new UnflushedAppend(result.commitLogOffset() + result.size(), deadline, result,
                        batch[i].future));
            }
        } else {
            for (int i = 0; i < count; i++) {
                batch[i].future.complete(results[i]);
            }
        }
        java.util.Arrays.fill(batch, 0, count, null);
        java.util.Arrays.fill(results, 0, count, null);
    }

    /** Whether flushed appends wait to be completed; true also while a submitter writes (look again soon). */
    private boolean acknowledgementDue() {
        if (!takeRole()) {
            return true;
        }
        try {
            return flushedAhead();
        } finally {
            releaseRole();
        }
    }

    private boolean flushedAhead() {
        UnflushedAppend oldest = unflushed.peek();
        return oldest != null && oldest.end <= flushService.flushedPosition();
    }

    /**
     * SYNC: completes the appends the flush service has made durable, and those whose flush is
     * overdue with {@link AppendStatus#FLUSH_DISK_TIMEOUT} (they are stored, only unconfirmed).
     * Returns the number completed.
     *
     * <p>Deadlines are checked when the flush has failed, and otherwise only every
     * {@link #DEADLINE_CHECK_EVERY} calls that completed nothing: this runs in the writer's
     * spin loop, where reading the clock on every turn cost a tenth of the thread's time, and a
     * timeout of seconds does not need checking more often than every few milliseconds of parking.
     */
    private int acknowledgeFlushed() {
        if (unflushed.isEmpty()) {
            return 0;
        }
        long flushed = flushService.flushedPosition();
        int completed = 0;
        UnflushedAppend oldest;
        while ((oldest = unflushed.peek()) != null && oldest.end <= flushed) {
            oldest.future.complete(oldest.result);
            unflushed.poll();
            completed++;
        }
        if (completed > 0 || oldest == null) {
            callsSinceDeadlineCheck = 0;
            return completed;
        }
        boolean flushFailed = flushService.failure() != null;
        if (!flushFailed && ++callsSinceDeadlineCheck < DEADLINE_CHECK_EVERY) {
            return 0;
        }
        callsSinceDeadlineCheck = 0;
        long now = System.nanoTime();
        while ((oldest = unflushed.peek()) != null && (flushFailed || oldest.deadlineNanos - now <= 0)) {
            oldest.future.complete(oldest.result.withStatus(AppendStatus.FLUSH_DISK_TIMEOUT));
            unflushed.poll();
            completed++;
        }
        return completed;
    }

    /** Writes one request; returns its result, or null if it was already completed with a failure. */
    private AppendResult process(AppendRequest request) {
        assertOwner();
        if (failure != null) {
            request.future.complete(AppendResult.refused(AppendStatus.IO_ERROR,
                    "the commit log stopped after an I/O failure: " + failure));
            return null;
        }
        try {
            return write(request);
        } catch (RuntimeException | InternalError e) {
            // InternalError: the JVM's report of a fault while writing the mapping (e.g. no disk space)
            failure = e;
            request.future.complete(AppendResult.refused(AppendStatus.IO_ERROR, "cannot write the commit log: " + e));
            return null;
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
        buffer(first, data);
        writePosition = first + total;
        return new AppendResult(AppendStatus.OK, first, total, storeTimestamp, queueOffset, offsets, null);
    }

    /** Adds bytes destined for {@code offset} (right after what is buffered) to the write buffer. */
    private void buffer(long offset, byte[] data) {
        if (writeBuffer.remaining() < data.length) {
            writeBuffered();
            if (writeBuffer.remaining() < data.length) {
                writeBuffer = newWriteBuffer(data.length);
            }
        }
        if (bufferStart < 0) {
            bufferStart = offset;
        }
        writeBuffer.put(data);
    }

    /**
     * Writes the buffered bytes to the active segment: bulk first, the leading TOTALSIZE last.
     *
     * <p>When the bulk write ends inside a page whose first byte it writes (a page holding
     * nothing written before), the write is padded with zeros to that page's end (never past the
     * segment's end). A write that covers only the start of a page the page cache no longer holds
     * makes the kernel read that page from the device first, synchronously, on this thread; the
     * pages of a laid-out segment are often gone by the time the writer reaches them (written
     * long before, then reclaimed). A whole-page write needs no read, and the zeros are what the
     * log holds beyond its end anyway; the next write starts inside the page, which is cached. A
     * write that ends in the page it starts in, after earlier bytes, needs no padding: that page
     * was just written.
     */
    private void writeBuffered() {
        if (bufferStart < 0) {
            return;
        }
        int position = (int) (bufferStart - active.startOffset());
        writeBuffer.flip();
        int length = writeBuffer.limit();
        int end = position + length;
        boolean endsInNewPage = (end & -PAGE) >= position;
        int padding = endsInNewPage ? (int) Math.min(-end & (PAGE - 1), (long) active.size() - end) : 0;
        writeBuffer.limit(length + padding);
        writeBuffer.put(length, PAGE_OF_ZEROS, 0, padding);
        int leadingSize = writeBuffer.getInt(0);
        writeBuffer.putInt(0, 0);
        active.write(writeBuffer, position);
        sizeBuffer.clear();
        sizeBuffer.putInt(0, leadingSize);
        active.write(sizeBuffer, position);
        clearForData(writeBuffer);
        bufferStart = -1;
    }

    /** A write buffer for {@code dataCapacity} bytes of records, with a page to spare for the padding. */
    private static ByteBuffer newWriteBuffer(int dataCapacity) {
        return clearForData(ByteBuffer.allocateDirect(dataCapacity + PAGE));
    }

    private static ByteBuffer clearForData(ByteBuffer buffer) {
        buffer.clear().limit(buffer.capacity() - PAGE);
        return buffer;
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
        int remaining = (int) (end - writePosition);
        byte[] blank = new byte[RecordLayout.BLANK_SIZE];
        ByteBuffer.wrap(blank).putInt(remaining).putInt(RecordLayout.MAGIC_BLANK);
        buffer(writePosition, blank);
        writeBuffered();
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
        assert writer == Thread.currentThread()
                : "commit-log writes must hold the writer role; " + Thread.currentThread().getName() + " does not";
    }

    /**
     * Stops accepting, writes everything already queued, and stops the thread. Appends submitted
     * after this call complete with {@link AppendStatus#STORE_CLOSED}.
     */
    public void stop() {
        accepting = false;
        running = false;
        thread.stopAndJoin();
        while (!takeRole()) {
            Thread.onSpinWait(); // a submitter is finishing its batch
        }
        drain(null); // what such a submitter queued behind its batch
        AppendRequest left;
        while ((left = queue.poll()) != null) {
            left.future.complete(AppendResult.refused(AppendStatus.STORE_CLOSED, "the store is closed"));
        }
    }

    /**
     * SYNC: after the flush service stopped (and forced everything), completes the appends still
     * waiting for it. Called on the closing thread once the writer thread has ended.
     */
    public void acknowledgeRemaining() {
        UnflushedAppend pending;
        long flushed = flushService.flushedPosition();
        while ((pending = unflushed.poll()) != null) {
            pending.future.complete(pending.end <= flushed ? pending.result
                    : pending.result.withStatus(AppendStatus.FLUSH_DISK_TIMEOUT));
        }
    }
}
