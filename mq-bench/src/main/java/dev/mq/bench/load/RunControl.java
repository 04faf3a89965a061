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
    private volatile boolean measuring;
    private volatile boolean stopped;
    private volatile long measureStartNanos;

    RunControl(LoadOptions options, LoadStats stats, PrintStream progressOut) {
        this.options = options;
        this.stats = stats;
        this.progressOut = progressOut;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mq-bench-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the warm-up (or, without one, the measurement) and the progress lines. */
    void start() {
        long warmupNanos = options.warmup().toNanos();
        if (warmupNanos == 0) {
            beginMeasuring();
        } else {
            progressOut.printf("%s: warming up for %d ms%n", options.command().cliName(), options.warmup().toMillis());
            timer.schedule(this::beginMeasuring, warmupNanos, TimeUnit.NANOSECONDS);
        }
        long interval = options.reportInterval().toNanos();
        timer.scheduleAtFixedRate(this::printProgress, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void beginMeasuring() {
        long now = System.nanoTime();
        stats.restart(now);
        measureStartNanos = now;
        measuring = true;
    }

    private void printProgress() {
        try {
            LoadStats.Progress progress = stats.progress(System.nanoTime());
            progressOut.println(ResultFormat.progressLine(options.command(), progress) + (measuring ? "" : "  (warm-up)"));
        } catch (RuntimeException e) {
            // a failing progress line must not end the run; say why and go on
            progressOut.println("progress line failed: " + e);
        }
    }

    /** Whether the warm-up is over. */
    boolean measuring() {
        return measuring;
    }

    /** When the measurement started ({@link System#nanoTime()}); meaningful once {@link #measuring()}. */
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
        if (!measuring || !options.hasCount()) {
            return wanted;
        }
        long before = claimed.getAndAdd(wanted);
        long left = options.count() - before;
        return left <= 0 ? 0 : (int) Math.min(wanted, left);
    }

    /** Whether {@code --duration} has passed since the measurement started. */
    boolean deadlinePassed(long nowNanos) {
        return measuring && options.hasDuration() && nowNanos - measureStartNanos >= options.duration().toNanos();
    }

    /** Whether {@code --count} messages have been counted since the measurement started. */
    boolean countReached(long counted) {
        return measuring && options.hasCount() && counted >= options.count();
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
