package dev.mq.bench.load;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The phases of one run: warm-up, measurement, stop. It owns a timer thread that ends the warm-up
 * (restarting the {@link LoadStats}) and prints a progress line every {@code --report-interval}; the
 * load threads ask it whether to go on ({@link #claim}) and the main thread stops it.
 */
final class RunControl implements AutoCloseable {

    private final LoadOptions options;
    private final LoadStats stats;
    private final PrintStream progressOut;
    private final ScheduledExecutorService timer;
    private final AtomicLong claimed = new AtomicLong();
    private final boolean restartStatsAfterWarmup;
    private volatile boolean stopped;
    private volatile boolean warmupEnded;
    private volatile long measureStartNanos = Long.MAX_VALUE;

    /**
     * @param restartStatsAfterWarmup whether the end of the warm-up clears {@code stats}; false
     *                                when the caller keeps warm-up results out of them itself
     *                                (e2e filters by send time)
     */
    RunControl(LoadOptions options, LoadStats stats, PrintStream progressOut, boolean restartStatsAfterWarmup) {
        this.options = options;
        this.stats = stats;
        this.progressOut = progressOut;
        this.restartStatsAfterWarmup = restartStatsAfterWarmup;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mq-bench-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the warm-up (or, without one, the measurement) and the progress lines. The moment the
     * measurement starts is fixed here, so every thread agrees on which sends belong to it.
     */
    void start() {
        long warmupNanos = options.warmup().toNanos();
        long now = System.nanoTime();
        measureStartNanos = now + warmupNanos;
        if (warmupNanos == 0) {
            endWarmup();
        } else {
            progressOut.printf("%s: warming up for %d ms%n", options.command().cliName(), options.warmup().toMillis());
            timer.schedule(this::endWarmup, warmupNanos, TimeUnit.NANOSECONDS);
        }
        long interval = options.reportInterval().toNanos();
        timer.scheduleAtFixedRate(this::printProgress, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void endWarmup() {
        if (restartStatsAfterWarmup) {
            stats.restart(System.nanoTime());
        }
        warmupEnded = true;
    }

    private void printProgress() {
        try {
            LoadStats.Progress progress = stats.progress(System.nanoTime());
            progressOut.println(ResultFormat.progressLine(options.command(), progress) + (measuring() ? "" : "  (warm-up)"));
        } catch (RuntimeException e) {
            // a failing progress line must not end the run; say why and go on
            progressOut.println("progress line failed: " + e);
        }
    }

    /** Whether the warm-up is over. */
    boolean measuring() {
        return System.nanoTime() >= measureStartNanos;
    }

    /**
     * Whether the timer has ended the warm-up, stats restarted included: a window that reads the
     * message count (the CPU figures) may open only then. {@link #measuring()} turns true at the same
     * moment by the clock, possibly before the timer thread has restarted the stats; a count read in
     * between is the warm-up's, and the window's message count came out negative (its figures null).
     */
    boolean warmupEnded() {
        return warmupEnded;
    }

    /** Whether something that happened at {@code nanos} ({@link System#nanoTime()}) belongs to the measurement. */
    boolean measured(long nanos) {
        return nanos >= measureStartNanos;
    }

    /** When the measurement starts ({@link System#nanoTime()}); {@link Long#MAX_VALUE} before {@link #start()}. */
    long measureStartNanos() {
        return measureStartNanos;
    }

    /**
     * How many of the next {@code wanted} messages a sender may send: all of them during the
     * warm-up or without {@code --count}, fewer near the count, 0 once stopped or the count is used up.
     */
    int claim(int wanted) {
        if (stopped) {
            return 0;
        }
        if (!measuring() || !options.hasCount()) {
            return wanted;
        }
        long before = claimed.getAndAdd(wanted);
        long left = options.count() - before;
        return left <= 0 ? 0 : (int) Math.min(wanted, left);
    }

    /** Whether {@code --duration} has passed since the measurement started. */
    boolean deadlinePassed(long nowNanos) {
        return measured(nowNanos) && options.hasDuration() && nowNanos - measureStartNanos >= options.duration().toNanos();
    }

    /** Whether {@code --count} messages have been counted since the measurement started. */
    boolean countReached(long counted) {
        return measuring() && options.hasCount() && counted >= options.count();
    }

    /** Tells the load threads to finish. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
