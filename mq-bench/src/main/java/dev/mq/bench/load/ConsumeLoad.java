package dev.mq.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code consume}: a push consumer of a new group ({@code --client}'s) drains the topic (from the
 * first offset unless {@code --from-last}) until {@code --count} messages arrived, {@code --duration}
 * passed, or no message came for {@code --idle-timeout}. The rate counts from the consumer's start,
 * so the time to find the queues is part of it; {@code firstMessageSeconds} says how much that was,
 * and {@code drainRate} is the rate from the first message on (what compare.sh reports). The CPU
 * figures cover the drain too: from the first message (or the end of the warm-up, if later) on.
 */
final class ConsumeLoad {

    /** Longest wait for the first message when the idle timeout is shorter. */
    private static final Duration FIRST_MESSAGE_WAIT = Duration.ofSeconds(60);

    private final LoadOptions options;
    private final PrintStream progressOut;
    private final String instance;

    ConsumeLoad(LoadOptions options, PrintStream progressOut, String instance) {
        this.options = options;
        this.progressOut = progressOut;
        this.instance = instance;
    }

    LoadResult run() throws Exception {
        LoadClient client = LoadClient.of(options.client(), options);
        LoadStats stats = new LoadStats(System.nanoTime());
        CpuWindow cpu = new CpuWindow(options.serverPids());
        DeliveryTimes deliveries = new DeliveryTimes();
        AtomicLong countReachedNanos = new AtomicLong();
        try (RunControl control = new RunControl(options, stats, progressOut, true);
             Receiver consumer = client.receiver(instance, options.threads(), options.fromFirst(), (count, bodies) -> {
                 // as little as possible per delivery: this is part of the CPU per message measured
                 long now = System.nanoTime();
                 deliveries.delivered(now);
                 stats.messages(count);
                 if (options.hasCount() && control.countReached(stats.messageCount())) {
                     countReachedNanos.compareAndSet(0, now);
                 }
             })) {
            control.start();
            long start = System.nanoTime();
            consumer.start();
            long end;
            while (true) {
                Thread.sleep(5);
                long now = System.nanoTime();
                if (!cpu.begun() && deliveries.firstNanos() != 0 && control.warmupEnded()) {
                    cpu.begin(stats.messageCount());
                }
                if (countReachedNanos.get() != 0) {
                    end = countReachedNanos.get();
                    break;
                }
                if (control.deadlinePassed(now)) {
                    end = now;
                    break;
                }
                long first = deliveries.firstNanos();
                if (first == 0 && now - start > Math.max(options.idleTimeout().toNanos(), FIRST_MESSAGE_WAIT.toNanos())) {
                    progressOut.printf("consume: no message arrived within %d s%n", Duration.ofNanos(now - start).toSeconds());
                    end = now;
                    break;
                }
                if (deliveries.idle(now, options.idleTimeout().toNanos())) {
                    end = deliveries.latestNanos();
                    break;
                }
            }
            control.stop();
            Map<String, Double> cpuFigures = cpu.end(stats.messageCount());
            long first = deliveries.firstNanos();
            double firstSeconds = first == 0 ? -1 : (first - start) / 1e9;
            LoadResult result = stats.result(options, end, Map.of("firstMessageSeconds", firstSeconds))
                    .withExtras(cpuFigures);
            long counted = countReachedNanos.get() != 0 ? options.count() : result.messages();
            // the messages counted are those after the warm-up: so is the time they took
            double drainSeconds = first == 0 ? 0 : (end - Math.max(first, control.measureStartNanos())) / 1e9;
            result = result.withExtra("drainRate", drainSeconds > 0 ? counted / drainSeconds : 0);
            // deliveries that were under way when the count was reached came after the end
            return countReachedNanos.get() != 0 ? result.withMessages(options.count()) : result;
        }
    }
}
