package dev.mq.store.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread that runs one job at a fixed interval until stopped. A failure of the job is handed
 * to the error handler and the job runs again at the next interval.
 */
public final class PeriodicService implements Runnable {

    private final String name;
    private final long intervalNanos;
    private final Runnable job;
    private final Consumer<RuntimeException> errorHandler;
    private volatile boolean running;
    private final ServiceThread thread = new ServiceThread();

    public PeriodicService(String name, Duration interval, Runnable job, Consumer<RuntimeException> errorHandler) {
        this.name = name;
        this.intervalNanos = interval.toNanos();
        this.job = job;
        this.errorHandler = errorHandler;
    }

    public void start() {
        running = true;
        thread.start(name, this);
    }

    @Override
    public void run() {
        while (running) {
            LockSupport.parkNanos(this, intervalNanos);
            if (!running) {
                break;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                errorHandler.accept(e);
            }
        }
    }

    /** Stops the thread and waits for a running job to finish. */
    public void stop() {
        running = false;
        thread.stopAndJoin();
    }
}
