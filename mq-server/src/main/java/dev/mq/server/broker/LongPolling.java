package dev.mq.server.broker;

import dev.mq.server.support.DaemonThreads;
import dev.mq.protocol.RemotingCommand;
import dev.mq.store.DispatchListener;
import dev.mq.store.MessageStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Pull requests waiting for messages. A request is answered again (without waiting) as soon as
 * its queue grows past its offset, or when its suspend time runs out. Owns one scheduler thread
 * (timeouts) and one executor thread (re-executing reads off the dispatcher thread).
 */
final class LongPolling implements DispatchListener, AutoCloseable {

    private record Parked(PullProcessor.PullRequest pull, long deadline, CompletableFuture<RemotingCommand> answer) {
    }

    private static final long TIMEOUT_SCAN_MILLIS = 100;

    private final Map<String, List<Parked>> parked = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean closed;
    private final MessageStore store;
    private final ScheduledExecutorService timeouts;
    private final ExecutorService executor;
    private BiFunction<PullProcessor.PullRequest, Boolean, CompletableFuture<RemotingCommand>> reader;

    LongPolling(MessageStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.timeouts = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mq-broker-pull-timeouts"));
        this.executor = Executors.newSingleThreadExecutor(DaemonThreads.named("mq-broker-pull-wakeups"));
        timeouts.scheduleWithFixedDelay(this::expire, TIMEOUT_SCAN_MILLIS, TIMEOUT_SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The read to run again on wake-up or timeout. */
    void readWith(BiFunction<PullProcessor.PullRequest, Boolean, CompletableFuture<RemotingCommand>> reader) {
        this.reader = reader;
    }

    private static String key(String topic, int queueId) {
        return topic + "@" + queueId;
    }

    CompletableFuture<RemotingCommand> park(PullProcessor.PullRequest pull) {
        if (closed) {
            return reader.apply(pull, false); // shutting down: answer now, never hold
        }
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        Parked entry = new Parked(pull, clock.millis() + pull.suspendMillis(), answer);
        List<Parked> queue = parked.computeIfAbsent(key(pull.topic(), pull.queueId()), k -> new ArrayList<>());
        synchronized (queue) {
            queue.add(entry);
        }
        // A message may have arrived between the read and the park: look once more.
        long max = store.maxOffset(pull.topic(), pull.queueId());
        if (max > pull.offset()) {
            wake(pull.topic(), pull.queueId(), max);
        }
        return answer;
    }

    @Override
    public void onDispatched(String topic, int queueId, long maxOffset) {
        wake(topic, queueId, maxOffset);
    }

    private void wake(String topic, int queueId, long maxOffset) {
        List<Parked> queue = parked.get(key(topic, queueId));
        if (queue == null) {
            return;
        }
        List<Parked> ready = new ArrayList<>();
        synchronized (queue) {
            for (Iterator<Parked> it = queue.iterator(); it.hasNext(); ) {
                Parked entry = it.next();
                if (entry.pull.offset() < maxOffset) {
                    ready.add(entry);
                    it.remove();
                }
            }
        }
        ready.forEach(this::answerLater);
    }

    private void expire() {
        long now = clock.millis();
        for (List<Parked> queue : parked.values()) {
            List<Parked> due = new ArrayList<>();
            synchronized (queue) {
                for (Iterator<Parked> it = queue.iterator(); it.hasNext(); ) {
                    Parked entry = it.next();
                    if (entry.deadline <= now || entry.answer.isDone()) {
                        due.add(entry);
                        it.remove();
                    }
                }
            }
            due.forEach(this::answerLater);
        }
    }

    private void answerLater(Parked entry) {
        executor.execute(() -> {
            try {
                reader.apply(entry.pull, false).whenComplete((response, failure) -> {
                    if (failure != null) {
                        entry.answer.completeExceptionally(failure);
                    } else {
                        entry.answer.complete(response);
                    }
                });
            } catch (RuntimeException e) {
                entry.answer.completeExceptionally(e);
            }
        });
    }

    /** Answers every parked request now (without waiting) and stops the threads. */
    @Override
    public void close() {
        closed = true;
        timeouts.shutdownNow();
        for (List<Parked> queue : parked.values()) {
            synchronized (queue) {
                queue.forEach(this::answerLater);
                queue.clear();
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
