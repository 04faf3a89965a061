package dev.mq.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code produce}: {@code --threads} threads send 1-message (sync, async, oneway) or n-message
 * (batch) requests with the {@code --client}'s producer until {@code --duration} or {@code --count};
 * latency is from the call to its result (sync, batch), callback (async) or return (oneway).
 */
final class ProduceLoad {

    private final LoadOptions options;
    private final PrintStream progressOut;
    private final String instance;
    private final LoadClient client;

    ProduceLoad(LoadOptions options, PrintStream progressOut, String instance) {
        this.options = options;
        this.progressOut = progressOut;
        this.instance = instance;
        this.client = LoadClient.of(options.client(), options);
    }

    LoadResult run() throws Exception {
        try (Sender sender = client.sender(instance)) {
            LoadStats stats = new LoadStats(System.nanoTime());
            CpuWindow cpu = new CpuWindow(options.serverPids());
            try (RunControl control = new RunControl(options, stats, progressOut, true)) {
                Pacer pacer = options.rate() > 0 ? new Pacer(options.rate(), System.nanoTime()) : null;
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < options.threads(); i++) {
                    Thread thread = new Thread(() -> sendLoop(sender, stats, control, pacer), "mq-bench-producer-" + i);
                    threads.add(thread);
                }
                control.start();
                threads.forEach(Thread::start);
                while (threads.stream().anyMatch(Thread::isAlive)) {
                    if (!cpu.begun() && control.warmupEnded()) {
                        cpu.begin(stats.messageCount());
                    }
                    if (control.deadlinePassed(System.nanoTime())) {
                        control.stop();
                    }
                    Thread.sleep(5);
                }
                long end = System.nanoTime();
                Map<String, Double> cpuFigures = cpu.end(stats.messageCount());
                return stats.result(options, end, Map.of()).withExtras(cpuFigures);
            }
        }
    }

    private void sendLoop(Sender sender, LoadStats stats, RunControl control, Pacer pacer) {
        byte[] body = new byte[options.size()];
        ThreadLocalRandom.current().nextBytes(body);
        Semaphore window = new Semaphore(options.inflight());
        int perRequest = options.mode() == SendMode.BATCH ? options.batchSize() : 1;
        while (true) {
            if (pacer != null && !pacer.await(control)) {
                break;
            }
            int n = control.claim(perRequest);
            if (n == 0) {
                break;
            }
            switch (options.mode()) {
                case SYNC -> sendOne(sender, stats, body);
                case BATCH -> sendBatch(sender, stats, body, n);
                case ASYNC -> sendAsync(sender, stats, body, window);
                case ONEWAY -> sendOneway(sender, stats, body);
            }
        }
        // async: the run is over when every callback has come
        window.acquireUninterruptibly(options.inflight());
    }

    private void sendOne(Sender sender, LoadStats stats, byte[] body) {
        long start = System.nanoTime();
        try {
            count(stats, sender.send(body), 1, start);
        } catch (Exception e) {
            stats.error(1, client.errorKind(e));
        }
    }

    private void sendBatch(Sender sender, LoadStats stats, byte[] body, int n) {
        long start = System.nanoTime();
        try {
            count(stats, sender.sendBatch(body, n), n, start);
        } catch (Exception e) {
            stats.error(n, client.errorKind(e));
        }
    }

    private void sendAsync(Sender sender, LoadStats stats, byte[] body, Semaphore window) {
        window.acquireUninterruptibly();
        long start = System.nanoTime();
        sender.sendAsync(body, new Sender.Callback() {
            @Override
            public void completed(String status) {
                count(stats, status, 1, start);
                window.release();
            }

            @Override
            public void failed(Throwable error) {
                stats.error(1, client.errorKind(error));
                window.release();
            }
        });
    }

    private void sendOneway(Sender sender, LoadStats stats, byte[] body) {
        long start = System.nanoTime();
        try {
            sender.sendOneway(body);
            stats.success(1, System.nanoTime() - start);
        } catch (Exception e) {
            stats.error(1, client.errorKind(e));
        }
    }

    private static void count(LoadStats stats, String status, int n, long startNanos) {
        if (Sender.SEND_OK.equals(status)) {
            stats.success(n, System.nanoTime() - startNanos);
        } else {
            // stored, but not as asked (flush or replica timeout): an error for a benchmark
            stats.error(n, status);
        }
    }
}
