package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeResult;
import dev.mq.client.ReceivedMessage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@code MessageListener} on the consume threads, any number of calls at once, messages of
 * any queue in any order. Each pulled batch is queued once (first in, first out); consume threads
 * claim slices of {@code consumeBatchSize} messages from the oldest batch with a cursor, so handing
 * messages to the threads allocates nothing per message but the list the listener gets.
 *
 * <p>Threads are started as the listener needs them: one while the listener keeps up (one thread
 * draining the slices costs far less than waking many), more when listener calls take long or no
 * slice was finished for a while (checked when batches arrive, after each call, and by
 * {@link #watch()} every 100 ms, which catches calls that never return), up to the configured number.
 *
 * <p>A slice whose listener call succeeds is marked consumed in its queue; one that fails is handed
 * back for a retry ({@link SendBack}), or in broadcasting mode dropped with a warning; a message the
 * brokers cannot take back now stays in the cache and is delivered again locally after 5 s. A call
 * that runs longer than the consume timeout has its messages handed back as if it had failed; its
 * result no longer counts. Slices are claimed in pull order, so when the dispatcher stops, what was
 * started is a prefix of each queue's cached messages. Thread-safe.
 */
final class ConcurrentDispatcher implements ConsumeDispatcher {

    private static final System.Logger LOG = System.getLogger(ConcurrentDispatcher.class.getName());
    /** A listener call at least this long counts as slow: more threads are worth waking. */
    private static final long SLOW_CALL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** No slice was finished for this long while batches arrive: another thread is worth waking. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a message the brokers could not take back waits before it is delivered again locally. */
    private static final Duration LOCAL_RETRY_DELAY = Duration.ofSeconds(5);

    /** Messages {@code [from, to)} of one cached batch, handed out slice by slice. */
    private static final class Work {
        final ProcessQueue queue;
        final ProcessQueue.CachedBatch batch;
        final int to;
        final AtomicInteger next;

        Work(ProcessQueue queue, ProcessQueue.CachedBatch batch, int from, int to) {
            this.queue = queue;
            this.batch = batch;
            this.to = to;
            this.next = new AtomicInteger(from);
        }
    }

    /**
     * The listener call one consume thread is making, for the consume timeout: {@code call} is the
     * call's number (counted per caller) while it runs, 0 between calls; whoever swaps it to 0 first
     * (the thread when the call returns, or the timeout check) decides what happens to the messages.
     */
    private static final class Caller {
        final AtomicLong call = new AtomicLong();
        /** The number of this caller's last call; only its own thread uses it. */
        long lastCall;
        volatile ProcessQueue queue;
        volatile ProcessQueue.CachedBatch batch;
        volatile int from;
        volatile int to;
        volatile long startNanos;
    }

    private final ConsumeSupport support;
    private final ConsumeSupport.Listener listener;
    private final int threads;
    private final ConsumerThreadFactory threadFactory;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Work> waiting = new ConcurrentLinkedQueue<>();
    private final Set<Caller> callers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger workers = new AtomicInteger();
    private final Object idle = new Object();
    private volatile long lastFinishNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean paused;

    /** @param threadBase makes the consume threads, or null for platform threads */
    ConcurrentDispatcher(ConsumeSupport support, ConsumeSupport.Listener listener, int threads,
                         ThreadFactory threadBase) {
        this.support = support;
        this.listener = listener;
        this.threadFactory = new ConsumerThreadFactory(support.group(), "consume", threadBase);
        this.threads = threads;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    @Override
    public void dispatch(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
        waiting.add(new Work(queue, batch, 0, batch.messages.length));
        int active = workers.get();
        if (active == 0 || (active < threads && System.nanoTime() - lastFinishNanos > STALL_NANOS)) {
            addWorker();
        }
    }

    private void addWorker() {
        int active;
        do {
            active = workers.get();
            if (active >= threads || stopping || paused) {
                return;
            }
        } while (!workers.compareAndSet(active, active + 1));
        try {
            executor.execute(this::work);
        } catch (RejectedExecutionException e) {
            retire();
        }
    }

    /**
     * A consume thread's loop: claims slices until none is left. The clock is read once per slice:
     * a call starts when the one before ended.
     */
    private void work() {
        Caller caller = new Caller();
        callers.add(caller);
        try {
            long start = System.nanoTime();
            while (!stopping && !paused && claim(caller)) {
                long end = run(caller, start);
                lastFinishNanos = end;
                if (end - start >= SLOW_CALL_NANOS && !waiting.isEmpty()) {
                    addWorker();
                }
                start = end;
            }
        } finally {
            callers.remove(caller);
            retire();
            if (!stopping && !paused && !waiting.isEmpty()) {
                addWorker(); // a batch queued while this thread was leaving
            }
        }
    }

    /** Claims the next slice of the oldest batch into {@code caller}; false when none is left. */
    private boolean claim(Caller caller) {
        Work work;
        while ((work = waiting.peek()) != null) {
            int from = work.next.getAndAdd(support.batchSize());
            if (from < work.to) {
                caller.queue = work.queue;
                caller.batch = work.batch;
                caller.from = from;
                caller.to = Math.min(work.to, from + support.batchSize());
                return true;
            }
            waiting.remove(work); // used up (another thread may have removed it already)
        }
        return false;
    }

    private void retire() {
        workers.decrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * Calls the listener with the slice {@code caller} claimed, started at {@code startNanos}
     * ({@link System#nanoTime()}), and completes or hands back its messages.
     *
     * @return when the call ended ({@link System#nanoTime()})
     */
    private long run(Caller caller, long startNanos) {
        ProcessQueue queue = caller.queue;
        if (queue.isDropped()) {
            return startNanos;
        }
        ProcessQueue.Slice slice = new ProcessQueue.Slice(queue, caller.batch, caller.from, caller.to);
        long call = ++caller.lastCall;
        caller.startNanos = startNanos;
        caller.call.set(call);
        ConsumeResult result = support.call(listener, slice.messages());
        long end = System.nanoTime();
        if (!caller.call.compareAndSet(call, 0)) {
            return end; // timed out: already handed back
        }
        if (result == ConsumeResult.SUCCESS) {
            queue.complete(slice, end);
        } else {
            handBack(slice);
        }
        support.consumed().accept(queue);
        return end;
    }

    /** Messages that failed (or timed out): retried through the brokers, or dropped when broadcasting. */
    private void handBack(ProcessQueue.Slice slice) {
        ProcessQueue queue = slice.queue();
        if (!support.clustering()) {
            LOG.log(Level.WARNING, "group {0} (broadcasting): {1} not consumed; broadcasting does not retry, skipped",
                    support.group(), ConsumeSupport.describe(slice.messages()));
            queue.complete(slice);
            return;
        }
        for (int i = slice.from(); i < slice.to(); i++) {
            ReceivedMessage message = slice.batch().messages[i];
            if (queue.isDropped()) {
                return;
            }
            if (support.sendBack().retry(message, support.maxReconsumeTimes())) {
                queue.complete(slice.batch(), i, i + 1);
            } else {
                queue.replace(slice.batch(), i, ConsumeSupport.retried(message));
                Work again = new Work(queue, slice.batch(), i, i + 1);
                support.later(() -> redeliver(again), LOCAL_RETRY_DELAY);
            }
        }
    }

    private void redeliver(Work work) {
        if (stopping || work.queue.isDropped()) {
            return;
        }
        waiting.add(work);
        if (workers.get() == 0) {
            addWorker();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume(Collection<ProcessQueue> queues) {
        paused = false;
        if (!waiting.isEmpty()) {
            addWorker();
        }
    }

    @Override
    public void watch() {
        if (waiting.isEmpty() || System.nanoTime() - lastFinishNanos < WATCH_INTERVAL.toNanos()) {
            return;
        }
        // batches wait and no call finished lately: the running ones are stuck, give the rest threads
        int wanted = Math.min(threads, workers.get() + waitingSlices());
        while (workers.get() < wanted && !stopping && !paused) {
            int before = workers.get();
            addWorker();
            if (workers.get() == before) {
                return;
            }
        }
    }

    /** Slices not claimed yet, counted up to the thread count. */
    private int waitingSlices() {
        int count = 0;
        for (Work work : waiting) {
            int left = work.to - work.next.get();
            if (left > 0) {
                count += (left + support.batchSize() - 1) / support.batchSize();
            }
            if (count >= threads) {
                return threads;
            }
        }
        return count;
    }

    @Override
    public void handBackTimedOut() {
        long timeout = support.consumeTimeout().toNanos();
        for (Caller caller : callers) {
            long call = caller.call.get();
            if (call == 0 || System.nanoTime() - caller.startNanos <= timeout) {
                continue;
            }
            ProcessQueue.Slice slice = new ProcessQueue.Slice(caller.queue, caller.batch, caller.from, caller.to);
            if (caller.call.compareAndSet(call, 0)) {
                LOG.log(Level.WARNING, "group {0}: the listener has been running on {1} for more than {2} ms; handing "
                        + "the message(s) back for a retry", support.group(),
                        ConsumeSupport.describe(slice.messages()), support.consumeTimeout().toMillis());
                handBack(slice);
                support.consumed().accept(slice.queue());
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int self = threadFactory.isCurrent() ? 1 : 0; // closed by the listener itself
        synchronized (idle) {
            while (workers.get() > self) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void stopThreads() {
        executor.shutdown();
    }
}
