package dev.mq.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of daemon worker threads named {@code name-1}, {@code name-2}, ... that run
 * submitted tasks in order of submission. {@link #close()} stops taking tasks, lets the queued ones
 * finish for up to the grace period, then interrupts what is still running. A task submitted after
 * close is rejected with {@link java.util.concurrent.RejectedExecutionException}.
 *
 * <p>Threads start with the first tasks. Thread-safe.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private final String name;
    private final Duration grace;
    private final ExecutorService executor;

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
        this.executor = Executors.newFixedThreadPool(threads, namedDaemons(name));
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
        executor.execute(task);
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
