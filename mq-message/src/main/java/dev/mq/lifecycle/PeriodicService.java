package dev.mq.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One daemon thread that runs one job at a fixed delay (the interval counts from the end of the
 * previous run) until closed. {@link #runSoon()} makes the next run happen at once; requests made
 * while a run is pending collapse into it. A job that throws hands the exception to the failure
 * handler and runs again at the next interval: one failure never stops the service.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} any number of times (the first one waits for
 * a run in progress to finish). Thread-safe.
 */
public final class PeriodicService implements AutoCloseable {

    private final String name;
    private final long intervalNanos;
    private final Runnable job;
    private final Consumer<RuntimeException> onFailure;
    private final ServiceThread thread = new ServiceThread();
    private final AtomicBoolean soon = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running;

    /**
     * @param name      the thread's name
     * @param interval  the pause between the end of one run and the start of the next; positive
     * @param job       the work of one run
     * @param onFailure told about each run that threw (log it, count it, remember it)
     */
    public PeriodicService(String name, Duration interval, Runnable job, Consumer<RuntimeException> onFailure) {
        this.name = Objects.requireNonNull(name, "name");
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the interval of " + name + " must be positive but was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.job = Objects.requireNonNull(job, "job");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** The thread's name. */
    public String name() {
        return name;
    }

    /**
     * Starts the thread; the first run is one interval from now (or at once after {@link #runSoon()}).
     *
     * @throws IllegalStateException if started before
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " was already started");
        }
        running = true;
        thread.start(name, this::loop);
    }

    private void loop() {
        long due = System.nanoTime() + intervalNanos;
        while (running) {
            long wait = due - System.nanoTime();
            if (wait > 0 && !soon.get()) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            soon.set(false);
            if (!running) {
                break;
            }
            runJob();
            due = System.nanoTime() + intervalNanos;
        }
    }

    private void runJob() {
        try {
            job.run();
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }

    /** Asks for a run now instead of at the end of the interval; harmless before start and after close. */
    public void runSoon() {
        if (soon.compareAndSet(false, true)) {
            thread.wake();
        }
    }

    /** Stops the thread, waiting for a run in progress to finish. Idempotent. */
    @Override
    public void close() {
        running = false;
        thread.stopAndJoin();
    }
}
