package dev.mq.bench.scale;

import dev.mq.message.MessageProperties;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.SendMessageHeader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The first message into each of many new queues, through the server as a consumer sees it
 * (issue 21: "first message into a new queue consumable within 2 ms p99"). Before any send, queue
 * 0 of every topic of a round has a long-polling pull waiting at offset 0 (PULL_MESSAGE with the
 * suspend and subscription flags, as a push consumer's pull); then one message goes to each topic,
 * each followed by one to a control queue that already holds messages and has a pull waiting at its
 * next offset, one SEND_MESSAGE_V2 at a time, paced at a rate. A message's latency runs from just
 * before its send until the pull that returns it is answered: the store's append and dispatch, the
 * queue's first entry, the broker waking the held pull, and the answer's way back. The control
 * queue's latency, measured in the same seconds, is what the same path costs without a new queue.
 * A warm-up round over other topics runs first (the JIT; a broker that has run for a while has
 * compiled this path).
 */
final class FirstMessageProbe {

    private static final long TIMEOUT_MILLIS = 30_000;
    private static final long SUSPEND_MILLIS = 20_000;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Lets the broker hold every pull before the first send of a round. */
    private static final long PULLS_SETTLE_MILLIS = 2_000;

    /** Latencies of one round in microseconds, sorted. */
    record Latencies(long[] sortedMicros) {

        static Latencies of(long[] from, long[] to) {
            long[] micros = new long[from.length];
            for (int i = 0; i < from.length; i++) {
                micros[i] = (to[i] - from[i]) / 1000;
            }
            Arrays.sort(micros);
            return new Latencies(micros);
        }

        double percentileMillis(double p) {
            if (sortedMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * sortedMicros.length) - 1;
            return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
        }

        double maxMillis() {
            return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length - 1] / 1000.0;
        }

        String describe() {
            return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentileMillis(0.5),
                    percentileMillis(0.99), maxMillis());
        }
    }

    /** What the measured round gave: the new queues, the control queue, and the send rate reached. */
    record Result(int messages, int warmUpMessages, double sendRate, Latencies newQueues, Latencies controlQueue) {

        static Result none() {
            return new Result(0, 0, 0, new Latencies(new long[0]), new Latencies(new long[0]));
        }
    }

    private final RemotingClient client;
    private final String broker;
    private final String group;
    private final IntFunction<String> topicName;
    private final String controlTopic;
    private final int rate;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean closing;
    private long controlOffset;

    /**
     * @param topicName    names the created topics by index; round {@code r} of {@code n} messages uses
     *                     indexes {@code r * n} up
     * @param controlTopic a created topic whose queue 0 serves as the control queue
     */
    FirstMessageProbe(RemotingClient client, String broker, String group, IntFunction<String> topicName,
                      String controlTopic, int rate) {
        this.client = client;
        this.broker = broker;
        this.group = group;
        this.topicName = topicName;
        this.controlTopic = controlTopic;
        this.rate = rate;
    }

    /**
     * A warm-up round over topics {@code [count, count + warmUp)}, then the measured round over
     * topics {@code [0, count)}.
     */
    Result run(int count, int warmUp) throws InterruptedException {
        try {
            if (warmUp > 0) {
                round(count, warmUp, 0);
            }
            return round(0, count, warmUp);
        } finally {
            closing = true;
        }
    }

    /** One round over topics {@code [firstTopic, firstTopic + count)}, after {@code warmUp} untimed first messages. */
    private Result round(int firstTopic, int count, int warmUp) throws InterruptedException {
        long[] sentNew = new long[count];
        long[] consumableNew = new long[count];
        long[] sentControl = new long[count];
        long[] consumableControl = new long[count];
        AtomicInteger consumed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int index = i;
            pull(topicName.apply(firstTopic + i), 0, () -> {
                consumableNew[index] = System.nanoTime();
                consumed.incrementAndGet();
            });
        }
        long base = controlOffset;
        pullControl(base, base + count, base, consumableControl, consumed);
        TimeUnit.MILLISECONDS.sleep(PULLS_SETTLE_MILLIS);
        throwIfFailed();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        long firstSend = next;
        for (int i = 0; i < count; i++) {
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
            next += interval;
            sentNew[i] = System.nanoTime();
            send(topicName.apply(firstTopic + i));
            sentControl[i] = System.nanoTime();
            send(controlTopic);
        }
        controlOffset = base + count;
        long lastAck = System.nanoTime();
        long deadline = lastAck + DEADLINE_NANOS;
        while (consumed.get() < 2 * count && failure.get() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        throwIfFailed();
        if (consumed.get() < 2 * count) {
            throw new IllegalStateException((2 * count - consumed.get()) + " of " + 2 * count
                    + " messages were not returned to their pulls within 60 s of the last send");
        }
        double sendSeconds = (lastAck - firstSend) / 1e9;
        return new Result(count, warmUp, count / Math.max(sendSeconds, 1e-9), Latencies.of(sentNew, consumableNew),
                Latencies.of(sentControl, consumableControl));
    }

    /** Pulls the control queue from {@code offset} on, one message a pull, until {@code end}. */
    private void pullControl(long offset, long end, long base, long[] consumable, AtomicInteger consumed) {
        if (offset >= end) {
            return;
        }
        pull(controlTopic, offset, () -> {
            consumable[(int) (offset - base)] = System.nanoTime();
            consumed.incrementAndGet();
            pullControl(offset + 1, end, base, consumable, consumed);
        });
    }

    private void send(String topic) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
        String properties = "WAIT" + MessageProperties.NAME_VALUE_SEPARATOR + "true"
                + MessageProperties.PROPERTY_SEPARATOR;
        new SendMessageHeader("scale-first-message", topic, "TBW102", SendMessageHeader.DEFAULT_TOPIC_QUEUE_NUMS, 0, 0,
                System.currentTimeMillis(), 0, properties, 0, Boolean.FALSE, null, false, null).writeV2To(request);
        request.setBody(("a message to " + topic).getBytes(StandardCharsets.UTF_8));
        RemotingCommand response;
        try {
            response = client.invokeSync(broker, request, TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed: " + e, e);
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("send to " + topic + " answered " + response.code() + " "
                    + response.remark());
        }
    }

    /**
     * A long-polling pull of one message from queue 0 of {@code topic} at {@code offset}, issued again
     * while the broker answers that there is none yet; {@code found} runs when it returns one.
     */
    private void pull(String topic, long offset, Runnable found) {
        if (closing) {
            return;
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        new PullMessageHeader(group, topic, 0, offset, 1,
                PullMessageHeader.FLAG_SUSPEND | PullMessageHeader.FLAG_SUBSCRIPTION, 0L, SUSPEND_MILLIS, null, "*",
                "TAG", 0L, null).writeTo(request);
        client.invokeAsync(broker, request, TIMEOUT_MILLIS).whenComplete((response, error) -> {
            if (error != null) {
                failure.compareAndSet(null, "pull of " + topic + " at " + offset + " failed: " + error);
            } else if (response.code() == ResponseCode.SUCCESS) {
                found.run();
            } else if (response.code() == ResponseCode.PULL_NOT_FOUND
                    || response.code() == ResponseCode.PULL_RETRY_IMMEDIATELY) {
                pull(topic, offset, found);
            } else {
                failure.compareAndSet(null, "pull of " + topic + " at " + offset + " answered " + response.code()
                        + " " + response.remark());
            }
        });
    }

    private void throwIfFailed() {
        String problem = failure.get();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }
}
