package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeResult;
import dev.mq.client.ReceivedMessage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@code MessageListener} on the consume threads, any number of calls at once, messages of
 * any queue in any order. Pulled batches are cut into slices of {@code consumeBatchSize} messages and
 * queued (first in, first out); consume threads take slices until none is left.
 *
 * <p>Threads are started as the listener needs them: one while the listener keeps up (one thread
 * draining the slices costs far less than waking many), more when listener calls take long or no
 * slice was finished for a while (checked when slices arrive, after each call, and by
 * {@link #watch()} every 100 ms, which catches calls that never return), up to the configured number. So a fast listener runs on few
 * threads without hand-offs per message, and a slow one on all of them.
 *
 * <p>A slice whose listener call succeeds is marked consumed in its queue; one that fails is handed
 * back for a retry ({@link SendBack}), or in broadcasting mode dropped with a warning; a message the
 * brokers cannot take back now stays in the cache and is delivered again locally after 5 s. A call
 * that runs longer than the consume timeout has its messages handed back as if it had failed;
 * its result no longer counts. Thread-safe.
 */
final class ConcurrentDispatcher implements ConsumeDispatcher {

    private static final System.Logger LOG = System.getLogger(ConcurrentDispatcher.class.getName());
    /** A listener call at least this long counts as slow: more threads are worth waking. */
    private static final long SLOW_CALL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** No slice finished for this long while slices wait: another thread is worth waking. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a message the brokers could not take back waits before it is delivered again locally. */
    private static final Duration LOCAL_RETRY_DELAY = Duration.ofSeconds(5);

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;

    /** A slice on its way through the listener. */
    private static final class Task {
        final ProcessQueue.Slice slice;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile long startNanos;

        Task(ProcessQueue.Slice slice) {
            this.slice = slice;
        }
    }

    private final ConsumeSupport support;
    private final ConsumeSupport.Listener listener;
    private final int threads;
    private final ConsumerThreadFactory threadFactory;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Task> waiting = new ConcurrentLinkedQueue<>();
    private final Set<Task> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger workers = new AtomicInteger();
    private final Object idle = new Object();
    private volatile long lastFinishNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean paused;

    ConcurrentDispatcher(ConsumeSupport support, ConsumeSupport.Listener listener, int threads) {
        this.support = support;
        this.listener = listener;
        this.threadFactory = new ConsumerThreadFactory(support.group(), "consume");
        this.threads = threads;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    @Override
    public void dispatch(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
        int size = batch.messages.length;
        for (int from = 0; from < size; from += support.batchSize()) {
            waiting.add(new Task(new ProcessQueue.Slice(queue, batch, from, Math.min(size, from + support.batchSize()))));
        }
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

    /** A consume thread's loop: takes slices until none is left. */
    private void work() {
        try {
            Task task;
            while (!stopping && !paused && (task = waiting.poll()) != null) {
                long start = System.nanoTime();
                run(task);
                long end = System.nanoTime();
                lastFinishNanos = end;
                if (end - start >= SLOW_CALL_NANOS && !waiting.isEmpty()) {
                    addWorker();
                }
            }
        } finally {
            retire();
            if (!stopping && !paused && !waiting.isEmpty()) {
                addWorker(); // a slice queued while this thread was leaving
            }
        }
    }

    private void retire() {
        workers.decrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void run(Task task) {
        ProcessQueue queue = task.slice.queue();
        if (queue.isDropped() || !task.state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        task.startNanos = System.nanoTime();
        running.add(task);
        ConsumeResult result;
        try {
            result = support.call(listener, task.slice.messages());
        } finally {
            running.remove(task);
        }
        if (!task.state.compareAndSet(RUNNING, FINISHED)) {
            return; // timed out: already handed back
        }
        if (result == ConsumeResult.SUCCESS) {
            queue.complete(task.slice);
        } else {
            handBack(task.slice);
        }
        support.consumed().accept(queue);
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
                ProcessQueue.Slice again = new ProcessQueue.Slice(queue, slice.batch(), i, i + 1);
                support.later(() -> redeliver(again), LOCAL_RETRY_DELAY);
            }
        }
    }

    private void redeliver(ProcessQueue.Slice slice) {
        if (stopping || slice.queue().isDropped()) {
            return;
        }
        waiting.add(new Task(slice));
        if (workers.get() == 0) {
            addWorker();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume(java.util.Collection<ProcessQueue> queues) {
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
        // slices wait and no call finished lately: the running ones are stuck, give the rest threads
        int wanted = Math.min(threads, workers.get() + waitingEstimate());
        while (workers.get() < wanted && !stopping && !paused) {
            int before = workers.get();
            addWorker();
            if (workers.get() == before) {
                return;
            }
        }
    }

    private int waitingEstimate() {
        int count = 0;
        for (Task ignored : waiting) {
            if (++count >= threads) {
                break;
            }
        }
        return count;
    }

    @Override
    public void handBackTimedOut() {
        long timeout = support.consumeTimeout().toNanos();
        long now = System.nanoTime();
        for (Task task : running) {
            if (now - task.startNanos > timeout && task.state.compareAndSet(RUNNING, FINISHED)) {
                LOG.log(Level.WARNING, "group {0}: the listener has been running on {1} for more than {2} ms; handing "
                        + "the message(s) back for a retry", support.group(),
                        ConsumeSupport.describe(task.slice.messages()), support.consumeTimeout().toMillis());
                handBack(task.slice);
                support.consumed().accept(task.slice.queue());
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

    /** Listener calls running now (for running info and tests). */
    int runningCalls() {
        return running.size();
    }
}
