package dev.mq.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code e2e}: {@code --threads} producer threads send synchronously at a fixed total
 * {@code --rate} while a push consumer of a new group receives, both of the {@code --client}
 * library (each on a client instance of its own); the latency of a message is its receive time
 * minus its send time (both read in this JVM). Only messages sent after the warm-up count. After
 * the last send the run waits up to {@code --idle-timeout} for messages still on the way; those
 * that never come are reported as {@code lost}.
 */
final class E2eLoad {

    private static final Duration TOPIC_CREATE_WAIT = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final PrintStream progressOut;
    private final String instance;
    private final LoadClient client;

    E2eLoad(LoadOptions options, PrintStream progressOut, String instance) {
        this.options = options;
        this.progressOut = progressOut;
        this.instance = instance;
        this.client = LoadClient.of(options.client(), options);
    }

    LoadResult run() throws Exception {
        long runId = ThreadLocalRandom.current().nextLong();
        LoadStats stats = new LoadStats(System.nanoTime());
        CpuWindow cpu = new CpuWindow(options.serverPids());
        LongAdder sent = new LongAdder();
        try (Sender sender = client.sender(instance + "-p")) {
            // the consumer finds the topic's queues at start (then only every 20-30 s): create it first
            createTopic(sender, runId);
            try (RunControl control = new RunControl(options, stats, progressOut, false);
                 Receiver consumer = client.receiver(instance + "-c", 4, false, (count, bodies) -> {
                     long now = System.nanoTime();
                     for (int i = 0; i < count; i++) {
                         long sendNanos = E2eBody.sendNanos(bodies.apply(i), runId);
                         if (sendNanos != Long.MIN_VALUE && control.measured(sendNanos)) {
                             stats.success(1, now - sendNanos);
                         }
                     }
                 })) {
                consumer.start();
                Pacer pacer = new Pacer(options.rate(), System.nanoTime());
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < options.threads(); i++) {
                    threads.add(new Thread(() -> sendLoop(sender, stats, control, pacer, runId, sent),
                            "mq-bench-e2e-producer-" + i));
                }
                control.start();
                // warm-up messages never reach the stats (filtered by send time): no restart needed
                stats.restart(control.measureStartNanos());
                threads.forEach(Thread::start);
                while (threads.stream().anyMatch(Thread::isAlive)) {
                    if (!cpu.begun() && control.measuring()) {
                        cpu.begin(stats.messageCount());
                    }
                    if (control.deadlinePassed(System.nanoTime())) {
                        control.stop();
                    }
                    Thread.sleep(5);
                }
                long sendEnd = System.nanoTime();
                double seconds = (sendEnd - control.measureStartNanos()) / 1e9;
                waitForStragglers(stats, sent.sum());
                Map<String, Double> cpuFigures = cpu.end(stats.messageCount());
                long received = stats.messageCount();
                Map<String, Double> extra = new HashMap<>(cpuFigures);
                extra.put("sent", (double) sent.sum());
                extra.put("lost", (double) Math.max(0, sent.sum() - received));
                extra.put("targetRate", options.rate());
                extra.put("sendRate", seconds > 0 ? sent.sum() / seconds : 0);
                return stats.result(options, sendEnd, extra);
            }
        }
    }

    private void createTopic(Sender sender, long runId) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_CREATE_WAIT.toNanos();
        while (true) {
            try {
                sender.send(E2eBody.create(options.size(), runId, Long.MIN_VALUE + 1));
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("e2e: could not send to topic " + options.topic() + " within "
                            + TOPIC_CREATE_WAIT.toSeconds() + " s: " + e, e);
                }
                progressOut.println("e2e: first send failed, retrying: " + e);
                Thread.sleep(500);
            }
        }
    }

    private void waitForStragglers(LoadStats stats, long sent) throws InterruptedException {
        long last = stats.messageCount();
        long lastChange = System.nanoTime();
        while (stats.messageCount() < sent && System.nanoTime() - lastChange < options.idleTimeout().toNanos()) {
            Thread.sleep(10);
            long now = stats.messageCount();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
    }

    private static void countError(LoadStats stats, boolean measured, String kind) {
        if (measured) {
            stats.error(1, kind);
        }
    }

    private void sendLoop(Sender sender, LoadStats stats, RunControl control, Pacer pacer, long runId, LongAdder sent) {
        while (pacer.await(control) && control.claim(1) == 1) {
            long now = System.nanoTime();
            // the same test the consumer applies to the send time in the body
            boolean measured = control.measured(now);
            try {
                String status = sender.send(E2eBody.create(options.size(), runId, now));
                if (!Sender.SEND_OK.equals(status)) {
                    countError(stats, measured, status);
                } else if (measured) {
                    sent.increment();
                }
            } catch (Exception e) {
                countError(stats, measured, client.errorKind(e));
            }
        }
    }
}
