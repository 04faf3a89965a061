package dev.mq.server.broker.pull;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.lifecycle.WorkerPool;
import dev.mq.protocol.RemotingCommand;
import dev.mq.store.DispatchListener;
import dev.mq.store.MessageStore;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pull requests waiting for messages. A request is read again (without waiting) as soon as its
 * queue grows past its offset, or when its suspend time runs out. Owns one thread that looks for
 * expired waits and one that reads again (off the store's dispatcher thread).
 */
final class LongPolling implements DispatchListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LongPolling.class.getName());

    private record Parked(PullRequest pull, long deadline, CompletableFuture<RemotingCommand> answer) {
    }

    private static final Duration TIMEOUT_SCAN = Duration.ofMillis(100);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final Map<String, List<Parked>> parked = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean closed;
    private final MessageStore store;
    private final PullReader reader;
    private final PeriodicService timeouts;
    private final WorkerPool rereads;

    LongPolling(MessageStore store, PullReader reader, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
        this.timeouts = new PeriodicService("mq-broker-pull-timeouts", TIMEOUT_SCAN, this::expire,
                e -> LOG.log(Level.ERROR, "answering expired long polls failed", e));
        this.rereads = new WorkerPool("mq-broker-pull-wakeups", 1, CLOSE_GRACE);
    }

    /** Starts answering pulls whose wait ran out. */
    void start() {
        timeouts.start();
    }

    private static String key(String topic, int queueId) {
        return topic + "@" + queueId;
    }

    /** Holds {@code pull} until its queue grows past its offset or its suspend time runs out. */
    CompletableFuture<RemotingCommand> park(PullRequest pull) {
        if (closed) {
            return CompletableFuture.completedFuture(reader.read(pull)); // shutting down: answer now, never hold
        }
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        Parked entry = new Parked(pull, clock.millis() + pull.suspendMillis(), answer);
        List<Parked> queue = parked.computeIfAbsent(key(pull.topic(), pull.queueId()), k -> new ArrayList<>());
        synchronized (queue) {
            // close() sets the flag, then answers each queue under its lock: a pull that gets the lock
            // after that must not wait, since nobody would answer it
            if (closed) {
                return CompletableFuture.completedFuture(reader.read(pull));
            }
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
        rereads.execute(() -> {
            try {
                entry.answer.complete(reader.read(entry.pull));
            } catch (RuntimeException e) {
                entry.answer.completeExceptionally(e);
            }
        });
    }

    /** Answers every parked request now (without waiting) and stops the threads. */
    @Override
    public void close() {
        closed = true;
        timeouts.close();
        for (List<Parked> queue : parked.values()) {
            synchronized (queue) {
                queue.forEach(this::answerLater);
                queue.clear();
            }
        }
        rereads.close();
    }
}
