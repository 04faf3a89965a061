package dev.mq.client.internal.consumer;

import dev.mq.client.MqException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.internal.Codes;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.RecordDecoder;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.PullMessageResponseHeader;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pulls every assigned queue of one consumer, one pull per queue at a time, with long polling: the
 * broker holds a pull that finds nothing until a message arrives or the long-polling time ends. The
 * answers are handled on the consumer's pull thread (never on a network I/O thread): records are
 * decoded, checked against the subscription's tags, added to the queue's {@link ProcessQueue} and
 * handed to the {@link Sink}; then the queue is pulled again.
 *
 * <p>Pulls carry the subscription expression (sysFlag SUBSCRIPTION), so brokers never answer
 * SUBSCRIPTION_NOT_EXIST or SUBSCRIPTION_NOT_LATEST: a queue assigned after a subscription change
 * is pulled at once, without waiting for the heartbeat to reach the broker.
 *
 * <p>A queue is not pulled while its cache is full (it is <em>parked</em> until consumption makes
 * room for a pull: {@link #wakeIfRoom}) or while the sink says so; a pull asks for no more messages
 * than the cache has room for. "Room for a pull" is room for a full batch, or for half the cache if
 * that is less: a listener slower than the broker keeps the cache full, and were a queue pulled as
 * soon as one message left it, every message consumed would cost a pull of one message.
 *
 * <p>A pull's answer keeps its records in the received frame until they are decoded (no copy of the
 * whole body): whoever ends up with the answer releases it, the answer task once it is handled, or
 * the callback when the task is not run (the puller closed, the pull thread shut down).
 *
 * <p>Every queue that is assigned and not dropped always has exactly one way forward: a pull task
 * scheduled, a pull in flight, a park, or a restart on the control thread ({@link PullState}). A pull
 * task that fails unexpectedly is logged and tried again after the error delay instead of ending the
 * queue's pull loop. {@link #check} is a watchdog (the consumer runs it with every rebalance) that
 * finds a queue for which none of them holds, or whose pull answer is overdue, says so once, and
 * pulls it again. Thread-safe.
 */
final class Puller {

    private static final System.Logger LOG = System.getLogger(Puller.class.getName());

    /** What the puller may do with a queue now. */
    enum Gate {
        /** Pull it. */
        OPEN,
        /** Do not pull it until {@link #wake} is called for it. */
        PARK,
        /** Try again after the error delay (e.g. an orderly queue whose lock is not held yet). */
        LATER
    }

    /** Where pulled messages go. Called on the pull thread; must not block. */
    interface Sink {

        /** Whether {@code queue} may be pulled now. */
        Gate gate(ProcessQueue queue);

        /** {@code batch} was added to {@code queue}'s cache. */
        void pulled(ProcessQueue queue, ProcessQueue.CachedBatch batch);

        /** The broker says the queue's offset is out of range; pulling should go on at {@code nextOffset}. */
        void offsetMoved(ProcessQueue queue, long nextOffset);
    }

    private final ConsumerRequests requests;
    private final PullSettings settings;
    private final Function<String, Subscription> subscriptions;
    private final Sink sink;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private volatile boolean closed;

    /**
     * @param subscriptions the subscription of a topic (its expression is sent with each pull)
     * @param executor      the consumer's pull thread
     * @param clock         for the watchdog's ages of pulls and parks
     */
    Puller(ConsumerRequests requests, PullSettings settings, Function<String, Subscription> subscriptions, Sink sink,
           ScheduledExecutorService executor, Clock clock) {
        this.requests = requests;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.sink = sink;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts pulling {@code queue} (a newly assigned one). */
    void start(ProcessQueue queue) {
        queue.pullState.enter(PullState.Phase.SCHEDULED, clock.millis());
        execute(queue, () -> pull(queue));
    }

    /** Pulls {@code queue} again if it is parked (its cache has room again, or the consumer resumed). */
    void wake(ProcessQueue queue) {
        if (queue.parked.compareAndSet(true, false)) {
            queue.pullState.enter(PullState.Phase.SCHEDULED, clock.millis());
            execute(queue, () -> pull(queue));
        }
    }

    /**
     * Pulls {@code queue} again if it is parked and consumption made room for a pull in its cache.
     * Cheap when it does not: the consumer calls it for every message it consumes from a parked queue.
     */
    void wakeIfRoom(ProcessQueue queue) {
        if (queue.parked.get() && hasRoomForPull(queue)) {
            wake(queue);
        }
    }

    /**
     * Whether {@code queue}'s cache has room for a pull: below the byte limit, and with room for
     * a full batch or half the cache, whichever is less (at least one message).
     */
    private boolean hasRoomForPull(ProcessQueue queue) {
        int max = settings.maxCachedMessages();
        int margin = Math.min(settings.batchSize(), max / 2);
        return queue.hasRoom(max - margin, settings.maxCachedBytes());
    }

    /**
     * The watchdog, for a queue the consumer owns: if nothing will ever pull it again (no pull
     * scheduled or in flight, or parked although it may be pulled), or the answer of its pull is
     * overdue (its timeout plus the error delay passed), logs a warning (once per queue) and pulls it
     * again; an overdue answer that still arrives is then ignored. A queue in a normal state is left
     * alone. Called on the control thread.
     *
     * @return whether the queue had to be pulled again
     */
    boolean check(ProcessQueue queue) {
        if (closed || queue.isDropped()) {
            return false;
        }
        PullState state = queue.pullState;
        long age = clock.millis() - state.sinceMillis();
        switch (state.phase()) {
            case IDLE -> {
                stalled(queue, "no pull is scheduled or under way");
                start(queue);
                return true;
            }
            case PARKED -> {
                // parking and waking settle at once; a queue parked for a while that may be pulled missed its wake-up
                if (age >= settings.errorDelay().toMillis() && queue.parked.get() && gate(queue) != Gate.PARK
                        && queue.parked.compareAndSet(true, false)) {
                    stalled(queue, "it is parked although its cache has room and it may be pulled");
                    start(queue);
                    return true;
                }
                return false;
            }
            case IN_FLIGHT -> {
                if (age > settings.pullTimeout().toMillis() + settings.errorDelay().toMillis() && state.abandon()) {
                    stalled(queue, "the answer to its pull is " + age + " ms overdue");
                    start(queue);
                    return true;
                }
                return false;
            }
            default -> {
                return false; // SCHEDULED: a task will run; RESTARTING: the control thread replaces the queue
            }
        }
    }

    private void stalled(ProcessQueue queue, String why) {
        Level level = queue.pullState.firstWarning() ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "group {0}: {1} was stalled ({2}); pulling it again at {3}", requests.group(), queue.queue(),
                why, queue.nextOffset());
    }

    /** Stops issuing pulls; answers still on their way are ignored. */
    void close() {
        closed = true;
    }

    /** Runs {@code task} on the pull thread; false when it will not run (the consumer is closing). */
    private boolean execute(ProcessQueue queue, Runnable task) {
        if (closed) {
            return false;
        }
        try {
            executor.execute(guarded(queue, task));
            return true;
        } catch (RejectedExecutionException e) {
            return false; // the consumer is closing
        }
    }

    private void later(ProcessQueue queue) {
        queue.pullState.enter(PullState.Phase.SCHEDULED, clock.millis());
        if (closed) {
            return;
        }
        try {
            executor.schedule(guarded(queue, () -> pull(queue)), settings.errorDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the consumer is closing
        }
    }

    /**
     * {@code task} on the pull thread, so that an unexpected failure is logged and the queue tried
     * again after the error delay: thrown out of an executor task, it would be kept in the task's
     * future where nobody looks, and the queue would never be pulled again.
     */
    private Runnable guarded(ProcessQueue queue, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (closed || queue.isDropped()) {
                    return;
                }
                LOG.log(Level.ERROR, "group " + requests.group() + ": pulling " + queue.queue() + " failed unexpectedly; "
                        + "trying again in " + settings.errorDelay().toMillis() + " ms", e);
                later(queue);
            }
        };
    }

    /** Pulls {@code queue} once, unless it is dropped, full or held back. Runs on the pull thread. */
    private void pull(ProcessQueue queue) {
        if (closed || queue.isDropped()) {
            return;
        }
        Gate gate = gate(queue);
        if (gate == Gate.PARK) {
            queue.pullState.enter(PullState.Phase.PARKED, clock.millis());
            queue.parked.set(true);
            // consumption or a resume may have happened in between: if so, whoever gets the flag back goes on
            gate = gate(queue);
            if (gate == Gate.PARK || !queue.parked.compareAndSet(true, false)) {
                return;
            }
        }
        if (gate == Gate.LATER) {
            later(queue);
            return;
        }
        Subscription subscription = subscriptions.apply(queue.queue().topic());
        if (subscription == null) {
            queue.pullState.enter(PullState.Phase.IDLE, clock.millis());
            return; // unsubscribed meanwhile; the next rebalance drops the queue
        }
        String address;
        try {
            address = requests.masterAddress(queue.queue().brokerName());
        } catch (MqException e) {
            LOG.log(Level.WARNING, "group {0}: cannot pull {1}: {2}", requests.group(), queue.queue(), e.getMessage());
            later(queue);
            return;
        }
        int room = settings.maxCachedMessages() - queue.pendingCount();
        int sysFlag = PullMessageHeader.FLAG_SUSPEND | PullMessageHeader.FLAG_SUBSCRIPTION;
        long commitOffset = 0;
        if (settings.commitWithPull()) {
            commitOffset = queue.committableOffset();
            sysFlag |= PullMessageHeader.FLAG_COMMIT_OFFSET;
        }
        long offset = queue.nextOffset();
        long number = queue.pullState.send(clock.millis());
        RemotingCommand request = Invoker.request(RequestCode.PULL_MESSAGE, new PullMessageHeader(requests.group(),
                queue.queue().topic(), queue.queue().queueId(), offset, Math.max(1, Math.min(settings.batchSize(), room)),
                sysFlag, commitOffset, settings.longPolling().toMillis(), null, subscription.expression(),
                Subscription.TYPE_TAG, subscription.version(), queue.queue().brokerName()), null);
        requests.core().invoker().invokeRetainingBody(address, request, settings.pullTimeout(), "pull of "
                        + queue.queue() + " at " + offset + " for group " + requests.group())
                .whenComplete((response, error) -> {
                    if (!execute(queue, () -> answered(queue, number, subscription, offset, response, error))) {
                        release(response);
                    }
                });
    }

    /** Releases the received frame a pull's answer (if any) keeps its records in. */
    private static void release(RemotingCommand response) {
        if (response != null) {
            response.releaseBodyBuffer();
        }
    }

    private Gate gate(ProcessQueue queue) {
        if (!hasRoomForPull(queue)) {
            return Gate.PARK;
        }
        return sink.gate(queue);
    }

    /** Handles a pull's answer on the pull thread, and releases it. */
    private void answered(ProcessQueue queue, long number, Subscription subscription, long offset,
                          RemotingCommand response, Throwable error) {
        try {
            handle(queue, number, subscription, offset, response, error);
        } finally {
            release(response);
        }
    }

    private void handle(ProcessQueue queue, long number, Subscription subscription, long offset,
                        RemotingCommand response, Throwable error) {
        if (closed || queue.isDropped()) {
            return;
        }
        if (!queue.pullState.answered(number)) {
            LOG.log(Level.DEBUG, "group {0}: ignoring the late answer to the pull of {1} at {2}, given up on",
                    requests.group(), queue.queue(), offset);
            return;
        }
        if (error != null) {
            LOG.log(Level.WARNING, "group {0}: pull of {1} at {2} failed; trying again in {3} ms: {4}",
                    requests.group(), queue.queue(), offset, settings.errorDelay().toMillis(),
                    Invoker.unwrap(error).getMessage());
            later(queue);
            return;
        }
        try {
            switch (response.code()) {
                case ResponseCode.SUCCESS -> {
                    PullMessageResponseHeader header = PullMessageResponseHeader.read(response);
                    List<ReceivedMessage> messages = filter(RecordDecoder.decodeAll(response.bodyView(),
                            queue.queue().brokerName()), subscription);
                    ProcessQueue.CachedBatch batch = queue.add(messages, header.nextBeginOffset());
                    if (batch != null) {
                        sink.pulled(queue, batch);
                    }
                    pull(queue);
                }
                case ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY -> {
                    queue.add(List.of(), PullMessageResponseHeader.read(response).nextBeginOffset());
                    pull(queue);
                }
                case ResponseCode.PULL_OFFSET_MOVED -> {
                    long next = PullMessageResponseHeader.read(response).nextBeginOffset();
                    LOG.log(Level.WARNING, "group {0}: offset {1} of {2} is out of range; continuing at {3}",
                            requests.group(), offset, queue.queue(), next);
                    queue.pullState.enter(PullState.Phase.RESTARTING, clock.millis());
                    sink.offsetMoved(queue, next);
                }
                default -> {
                    LOG.log(Level.WARNING, "group {0}: pull of {1} at {2} refused: {3} {4}; trying again in {5} ms",
                            requests.group(), queue.queue(), offset, Codes.response(response.code()),
                            response.remark(), settings.errorDelay().toMillis());
                    later(queue);
                }
            }
        } catch (MqException | RemotingCommandException e) {
            // a record that cannot be decoded (e.g. an LZ4 body) stops this queue, loudly, rather than being skipped
            LOG.log(Level.ERROR, "group " + requests.group() + ": cannot read the answer to the pull of " + queue.queue()
                    + " at " + offset + "; trying again in " + settings.errorDelay().toMillis() + " ms", e);
            later(queue);
        }
    }

    private static List<ReceivedMessage> filter(List<ReceivedMessage> messages, Subscription subscription) {
        if (subscription.matchesAll()) {
            return messages;
        }
        List<ReceivedMessage> matching = new ArrayList<>(messages.size());
        for (ReceivedMessage message : messages) {
            if (subscription.matches(message.tags())) {
                matching.add(message);
            }
        }
        return matching;
    }
}
