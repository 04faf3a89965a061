package dev.mq.bench.load;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code e2e}: {@code --threads} producer threads send synchronously at a fixed total
 * {@code --rate} while a push consumer of a new group receives; the latency of a message is its
 * receive time minus its send time (both read in this JVM). Only messages sent after the warm-up
 * count. After the last send the run waits up to {@code --idle-timeout} for messages still on the
 * way; those that never come are reported as {@code lost}.
 */
final class E2eLoad {

    private static final Duration TOPIC_CREATE_WAIT = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final PrintStream progressOut;
    private final String instance;

    E2eLoad(LoadOptions options, PrintStream progressOut, String instance) {
        this.options = options;
        this.progressOut = progressOut;
        this.instance = instance;
    }

    LoadResult run() throws Exception {
        long runId = ThreadLocalRandom.current().nextLong();
        DefaultMQProducer producer = Clients.producer(options, instance + "-p");
        producer.start();
        DefaultMQPushConsumer consumer = Clients.pushConsumer(options, instance + "-c", 4, false);
        try {
            // the consumer finds the topic's queues at start (then only every 30 s): create it first
            createTopic(producer, runId);
            LoadStats stats = new LoadStats(System.nanoTime());
            LongAdder sent = new LongAdder();
            try (RunControl control = new RunControl(options, stats, progressOut, false)) {
                consumer.subscribe(options.topic(), "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                    long now = System.nanoTime();
                    for (MessageExt message : messages) {
                        long sendNanos = E2eBody.sendNanos(message.getBody(), runId);
                        if (sendNanos != Long.MIN_VALUE && control.measured(sendNanos)) {
                            stats.success(1, now - sendNanos);
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                Pacer pacer = new Pacer(options.rate(), System.nanoTime());
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < options.threads(); i++) {
                    threads.add(new Thread(() -> sendLoop(producer, stats, control, pacer, runId, sent),
                            "mq-bench-e2e-producer-" + i));
                }
                control.start();
                // warm-up messages never reach the stats (filtered by send time): no restart needed
                stats.restart(control.measureStartNanos());
                threads.forEach(Thread::start);
                while (threads.stream().anyMatch(Thread::isAlive)) {
                    if (control.deadlinePassed(System.nanoTime())) {
                        control.stop();
                    }
                    Thread.sleep(5);
                }
                long sendEnd = System.nanoTime();
                double seconds = (sendEnd - control.measureStartNanos()) / 1e9;
                waitForStragglers(stats, sent.sum());
                long received = stats.messageCount();
                LoadResult result = stats.result(options, sendEnd, Map.of(
                        "sent", (double) sent.sum(),
                        "lost", (double) Math.max(0, sent.sum() - received),
                        "targetRate", options.rate(),
                        "sendRate", seconds > 0 ? sent.sum() / seconds : 0));
                return result;
            }
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }

    private void createTopic(DefaultMQProducer producer, long runId) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_CREATE_WAIT.toNanos();
        while (true) {
            try {
                producer.send(new Message(options.topic(), E2eBody.create(options.size(), runId, Long.MIN_VALUE + 1)));
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

    private void sendLoop(DefaultMQProducer producer, LoadStats stats, RunControl control, Pacer pacer, long runId,
                          LongAdder sent) {
        while (pacer.await(control) && control.claim(1) == 1) {
            long now = System.nanoTime();
            // the same test the consumer applies to the send time in the body
            boolean measured = control.measured(now);
            try {
                SendResult result = producer.send(new Message(options.topic(), E2eBody.create(options.size(), runId, now)));
                if (result.getSendStatus() != SendStatus.SEND_OK) {
                    countError(stats, measured, result.getSendStatus().name());
                } else if (measured) {
                    sent.increment();
                }
            } catch (Exception e) {
                countError(stats, measured, Clients.errorKind(e));
            }
        }
    }
}
