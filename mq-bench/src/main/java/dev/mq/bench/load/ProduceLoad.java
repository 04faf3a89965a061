package dev.mq.bench.load;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code produce}: {@code --threads} threads send 1-message (sync, async) or n-message (batch)
 * requests with the official producer until {@code --duration} or {@code --count}; latency is
 * from the call to its result (sync, batch) or callback (async).
 */
final class ProduceLoad {

    private final LoadOptions options;
    private final PrintStream progressOut;
    private final String instance;

    ProduceLoad(LoadOptions options, PrintStream progressOut, String instance) {
        this.options = options;
        this.progressOut = progressOut;
        this.instance = instance;
    }

    LoadResult run() throws Exception {
        DefaultMQProducer producer = Clients.producer(options, instance);
        producer.start();
        try {
            LoadStats stats = new LoadStats(System.nanoTime());
            try (RunControl control = new RunControl(options, stats, progressOut, true)) {
                Pacer pacer = options.rate() > 0 ? new Pacer(options.rate(), System.nanoTime()) : null;
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < options.threads(); i++) {
                    Thread thread = new Thread(() -> sendLoop(producer, stats, control, pacer), "mq-bench-producer-" + i);
                    threads.add(thread);
                }
                control.start();
                threads.forEach(Thread::start);
                while (threads.stream().anyMatch(Thread::isAlive)) {
                    if (control.deadlinePassed(System.nanoTime())) {
                        control.stop();
                    }
                    Thread.sleep(5);
                }
                long end = System.nanoTime();
                return stats.result(options, end, Map.of());
            }
        } finally {
            producer.shutdown();
        }
    }

    private void sendLoop(DefaultMQProducer producer, LoadStats stats, RunControl control, Pacer pacer) {
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
                case SYNC -> sendOne(producer, stats, body);
                case BATCH -> sendBatch(producer, stats, body, n);
                case ASYNC -> sendAsync(producer, stats, body, window);
            }
        }
        // async: the run is over when every callback has come
        window.acquireUninterruptibly(options.inflight());
    }

    private void sendOne(DefaultMQProducer producer, LoadStats stats, byte[] body) {
        long start = System.nanoTime();
        try {
            SendResult result = producer.send(new Message(options.topic(), body));
            count(stats, result, 1, start);
        } catch (Exception e) {
            stats.error(1, Clients.errorKind(e));
        }
    }

    private void sendBatch(DefaultMQProducer producer, LoadStats stats, byte[] body, int n) {
        List<Message> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new Message(options.topic(), body));
        }
        long start = System.nanoTime();
        try {
            count(stats, producer.send(batch), n, start);
        } catch (Exception e) {
            stats.error(n, Clients.errorKind(e));
        }
    }

    private void sendAsync(DefaultMQProducer producer, LoadStats stats, byte[] body, Semaphore window) {
        window.acquireUninterruptibly();
        long start = System.nanoTime();
        try {
            producer.send(new Message(options.topic(), body), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    count(stats, result, 1, start);
                    window.release();
                }

                @Override
                public void onException(Throwable e) {
                    stats.error(1, Clients.errorKind(e));
                    window.release();
                }
            });
        } catch (Exception e) {
            stats.error(1, Clients.errorKind(e));
            window.release();
        }
    }

    private static void count(LoadStats stats, SendResult result, int n, long startNanos) {
        if (result.getSendStatus() == SendStatus.SEND_OK) {
            stats.success(n, System.nanoTime() - startNanos);
        } else {
            // stored, but not as asked (flush or replica timeout): an error for a benchmark
            stats.error(n, result.getSendStatus().name());
        }
    }
}
