package dev.mq.spring.transaction;

import org.springframework.context.SmartLifecycle;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes rows of the {@link BoundSendTable} older than the retention, every interval, on one thread of
 * its own. Rows are not deleted right after their message is committed: the commit is a oneway request
 * nobody confirms, and a row deleted while the broker has not resolved its half message would turn the
 * next check-back into a rollback of a committed transaction. So a row lives until the broker can no
 * longer ask about it (the retention must exceed the broker's whole check span: its transaction timeout
 * plus max checks times check interval, 7.5 minutes by default, 15 with Apache RocketMQ's defaults).
 *
 * <p>Each run deletes in batches of at most {@code batchSize} rows, and at most
 * {@value #MAX_BATCHES_PER_RUN} batches, so that one run stays short; a failed run is logged and the
 * next one tries again.
 */
public final class BoundSendTableCleanup implements SmartLifecycle {

    /** Batches one run deletes at most. */
    public static final int MAX_BATCHES_PER_RUN = 100;

    private static final System.Logger LOG = System.getLogger(BoundSendTableCleanup.class.getName());

    private final BoundSendTable table;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /**
     * A cleanup of {@code table} that keeps rows for {@code retention}, runs every {@code interval} and
     * deletes {@code batchSize} rows per statement batch; {@code clock} says what "older" means.
     */
    public BoundSendTableCleanup(BoundSendTable table, Duration retention, Duration interval, int batchSize,
                                 Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.retention = requirePositive(retention, "retention");
        this.interval = requirePositive(interval, "interval");
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be a positive duration, got " + value);
        }
        return value;
    }

    /**
     * Deletes the rows older than the retention, in bounded batches.
     *
     * @return how many rows were deleted
     */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = table.deleteCreatedBefore(cutoff, batchSize);
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
        }
        LOG.log(Level.INFO, "deleted {0} expired rows of {1}; more are left for the next run", total, table.name());
        return total;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete expired rows of " + table.name() + "; trying again in "
                    + interval, e);
        }
    }

    /** Schedules the runs: the first one interval after the start. */
    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mq-bound-send-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the runs, letting a running one finish (at most 5 s). */
    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        ScheduledExecutorService stopping = executor;
        executor = null;
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the cleanup of {0} is still running after 5 s; interrupting it", table.name());
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
