package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeResult;
import dev.mq.client.ReceivedMessage;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs an {@code OrderlyMessageListener}: each queue is worked by at most one consume thread at a
 * time (its task is queued, running or suspended, never two at once), batch after batch in offset
 * order, while the listener runs under the queue's consume lock (a rebalance waits for it before it
 * gives the queue away). Different queues run in parallel.
 *
 * <p>A failed batch stays at the head of its queue: its messages' reconsume counts go up by one and
 * the queue is suspended for the orderly retry delay, then the same batch is delivered again. Once a
 * message was retried {@code maxReconsumeTimes} times it is put in the dead-letter topic and the queue
 * moves on. A task gives its thread up after a second of work so that busy queues take turns. In
 * clustering mode a queue is only worked while this client holds the broker's lock on it.
 * Thread-safe.
 */
final class OrderlyDispatcher implements ConsumeDispatcher {

    private static final System.Logger LOG = System.getLogger(OrderlyDispatcher.class.getName());
    /** A task gives its thread to other queues after this long. */
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a queue whose lock is not (validly) held waits before it is looked at again. */
    private static final Duration UNLOCKED_RETRY = Duration.ofMillis(500);

    private final ConsumeSupport support;
    private final ConsumeSupport.Listener listener;
    private final Predicate<ProcessQueue> mayConsume;
    private final ConsumerThreadFactory threadFactory;
    private final ExecutorService executor;
    private final AtomicInteger active = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean stopping;
    private volatile boolean paused;

    /**
     * @param mayConsume whether a queue may be worked now (clustering: its lock is held and fresh);
     *                   may block briefly to lock it
     * @param threadBase makes the consume threads, or null for platform threads
     */
    OrderlyDispatcher(ConsumeSupport support, ConsumeSupport.Listener listener, int threads, ThreadFactory threadBase,
                      Predicate<ProcessQueue> mayConsume) {
        this.support = support;
        this.listener = listener;
        this.threadFactory = new ConsumerThreadFactory(support.group(), "consume", threadBase);
        this.mayConsume = mayConsume;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    @Override
    public void dispatch(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
        schedule(queue);
    }

    /** Starts the queue's task unless it has one. */
    void schedule(ProcessQueue queue) {
        if (!stopping && !paused && queue.scheduled.compareAndSet(false, true)) {
            submit(queue);
        }
    }

    private void submit(ProcessQueue queue) {
        try {
            executor.execute(() -> work(queue));
        } catch (RejectedExecutionException e) {
            queue.scheduled.set(false);
        }
    }

    /** The queue's task: batches in order until none is left, the queue is suspended, or its time is up. */
    private void work(ProcessQueue queue) {
        boolean keepsSchedule = false;
        active.incrementAndGet();
        try {
            long end = System.nanoTime() + SLICE_NANOS;
            while (!stopping && !paused && !queue.isDropped()) {
                if (!mayConsume.test(queue)) {
                    keepsSchedule = true;
                    support.later(() -> submit(queue), UNLOCKED_RETRY);
                    return;
                }
                Outcome outcome = consumeNext(queue);
                if (outcome == Outcome.NOTHING) {
                    return;
                }
                if (outcome == Outcome.SUSPENDED) {
                    keepsSchedule = true;
                    support.later(() -> submit(queue), support.orderlyRetryDelay());
                    return;
                }
                if (System.nanoTime() - end > 0) {
                    keepsSchedule = true;
                    submit(queue); // let other queues' tasks run first
                    return;
                }
            }
        } finally {
            if (!keepsSchedule) {
                queue.scheduled.set(false);
                // messages cached after this task looked: whoever sets the flag again runs them
                if (!stopping && !paused && !queue.isDropped() && queue.next(1) != null) {
                    schedule(queue);
                }
            }
            if (active.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    private enum Outcome { CONSUMED, SUSPENDED, NOTHING }

    private Outcome consumeNext(ProcessQueue queue) {
        queue.consumeLock.lock();
        try {
            ProcessQueue.Slice slice = queue.isDropped() ? null : queue.next(support.batchSize());
            if (slice == null) {
                return Outcome.NOTHING;
            }
            List<ReceivedMessage> messages = slice.messages();
            ConsumeResult result = support.call(listener, messages);
            if (result == ConsumeResult.SUCCESS) {
                queue.complete(slice);
                support.consumed().accept(queue);
                return Outcome.CONSUMED;
            }
            if (retriesUsedUp(messages)) {
                return deadLetter(queue, slice) ? Outcome.CONSUMED : Outcome.SUSPENDED;
            }
            for (int i = slice.from(); i < slice.to(); i++) {
                queue.replace(slice.batch(), i, ConsumeSupport.retried(slice.batch().messages[i]));
            }
            return Outcome.SUSPENDED;
        } finally {
            queue.consumeLock.unlock();
        }
    }

    private boolean retriesUsedUp(List<ReceivedMessage> messages) {
        for (ReceivedMessage message : messages) {
            if (message.reconsumeTimes() >= support.maxReconsumeTimes()) {
                return true;
            }
        }
        return false;
    }

    /** Moves the batch to the dead-letter topic; false (queue suspended) when a broker would not take one. */
    private boolean deadLetter(ProcessQueue queue, ProcessQueue.Slice slice) {
        for (int i = slice.from(); i < slice.to(); i++) {
            ReceivedMessage message = slice.batch().messages[i];
            if (slice.batch().isDone(i)) {
                continue;
            }
            LOG.log(Level.WARNING, "group {0}: {1} failed {2} times; moving it to the dead-letter topic",
                    support.group(), message, message.reconsumeTimes() + 1);
            if (!support.clustering()) {
                queue.complete(slice.batch(), i, i + 1);
            } else if (support.sendBack().deadLetter(message, support.maxReconsumeTimes())) {
                queue.complete(slice.batch(), i, i + 1);
            } else {
                return false;
            }
        }
        support.consumed().accept(queue);
        return true;
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume(java.util.Collection<ProcessQueue> queues) {
        paused = false;
        for (ProcessQueue queue : queues) {
            if (queue.next(1) != null) {
                schedule(queue);
            }
        }
    }

    @Override
    public void watch() {
        // one task per queue: a stuck listener call holds its own queue only
    }

    @Override
    public void handBackTimedOut() {
        // orderly consumption never skips ahead of a running batch: no consume timeout
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
            while (active.get() > self) {
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
