package dev.mq.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of daemon worker threads named {@code name-1}, {@code name-2}, ... that run
 * submitted tasks in order of submission. {@link #close()} stops taking tasks, lets the queued ones
 * finish for up to the grace period, then interrupts what is still running. A task submitted after
 * close is rejected with {@link java.util.concurrent.RejectedExecutionException}.
 *
 * <p>The queue of waiting tasks is unbounded; {@link #queueSize()} and {@link #headWaitMillis()} tell
 * operators how far the pool is behind. Threads start with the first tasks. Thread-safe.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private final String name;
    private final Duration grace;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor executor;

    /**
     * @param name    thread name prefix
     * @param threads number of worker threads, at least 1
     * @param grace   how long {@link #close()} waits for queued and running tasks
     */
    public WorkerPool(String name, int threads, Duration grace) {
        this.name = Objects.requireNonNull(name, "name");
        if (threads < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread but was given " + threads);
        }
        this.grace = Objects.requireNonNull(grace, "grace");
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, namedDaemons(name));
    }

    private static ThreadFactory namedDaemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The thread name prefix. */
    public String name() {
        return name;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(new Queued(Objects.requireNonNull(task, "task"), System.nanoTime()));
    }

    /** Tasks submitted and not started yet. */
    public int queueSize() {
        return queue.size();
    }

    /** How many tasks the queue can hold: {@link Integer#MAX_VALUE}, the queue is unbounded. */
    public int capacity() {
        return Integer.MAX_VALUE;
    }

    /** How long the oldest task not started yet has been waiting, in milliseconds; 0 when none waits. */
    public long headWaitMillis() {
        Runnable head = queue.peek();
        return head instanceof Queued queued ? Math.max(0, (System.nanoTime() - queued.since) / 1_000_000) : 0;
    }

    /** A submitted task with the time it was queued (for {@link #headWaitMillis()}). */
    private record Queued(Runnable task, long since) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    /**
     * Stops taking tasks and waits up to the grace period for the queued and running ones; then
     * interrupts what still runs and drops what never started. Idempotent.
     *
     * @return whether every task finished within the grace period
     */
    public boolean closeGracefully() {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    /** {@link #closeGracefully()}. */
    @Override
    public void close() {
        closeGracefully();
    }
}
