package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Registration;
import dev.mq.message.TopicNames;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.header.ResetConsumerClientOffsetHeader;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One push consumer: subscriptions in the heartbeat, rebalancing, pulling, the listener, offsets,
 * queue locks (orderly), the requests brokers send about its group, and its orderly close.
 *
 * <p>Threads: {@code mq-consumer-<group>-control-1} rebalances, commits offsets, renews locks,
 * hands back timed-out messages and applies offset resets (it may block on broker calls);
 * {@code mq-consumer-<group>-pull-1} issues pulls and handles their answers (never blocks);
 * {@code mq-consumer-<group>-consume-*} run the listener. Thread-safe.
 */
public final class PushConsumerEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PushConsumerEngine.class.getName());
    private static final String KIND = "consumer";
    /** Extra time a pull may take beyond the long-polling time before the client gives up on it. */
    private static final long PULL_TIMEOUT_MARGIN_MILLIS = 15_000;
    private static final long PULL_ERROR_DELAY_MILLIS = 3_000;
    /**
     * How soon a rebalance that left part of this consumer's share untaken (a start offset that could
     * not be read, or the brokers not listing this client yet) is tried again, rather than at the next
     * regular rebalance.
     */
    private static final long UNSETTLED_RETRY_MILLIS = 1_000;

    private final ClientCore core;
    private final PushConsumerSettings settings;
    private final String group;
    private final Map<String, Subscription> subscriptions;
    private final ConsumerRequests requests;
    private final OffsetStore offsets;
    private final StartOffsets startOffsets;
    private final OrderlyLocks locks;
    private final ConcurrentMap<MessageQueue, ProcessQueue> queues = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor control;
    private final ScheduledThreadPoolExecutor pullThread;
    private final Puller puller;
    private final ConsumeDispatcher dispatcher;
    private final Rebalancer rebalancer;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
    private final AtomicBoolean retryQueued = new AtomicBoolean();
    /** Set (on the control thread) when a queue of this consumer's share could not be taken in this rebalance. */
    private boolean takeFailed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Registration> registrations = new ArrayList<>();
    private volatile boolean paused;
    private volatile boolean closing;

    private PushConsumerEngine(ClientCore core, PushConsumerSettings settings, Path defaultOffsetDirectory) {
        this.core = core;
        this.settings = settings;
        this.group = settings.group();
        this.subscriptions = subscriptions(settings);
        this.requests = new ConsumerRequests(core, group);
        this.offsets = settings.clustering() ? new BrokerOffsetStore(requests)
                : new LocalOffsetStore(group, settings.offsetStoreDirectory() != null
                ? settings.offsetStoreDirectory() : defaultOffsetDirectory);
        this.startOffsets = new StartOffsets(requests, offsets, settings.consumeFrom(), settings.consumeTimestamp());
        this.locks = new OrderlyLocks(requests);
        this.control = new ScheduledThreadPoolExecutor(1, new ConsumerThreadFactory(group, "control"));
        this.control.setRemoveOnCancelPolicy(true);
        this.pullThread = new ScheduledThreadPoolExecutor(1, new ConsumerThreadFactory(group, "pull"));
        this.pullThread.setRemoveOnCancelPolicy(true);
        this.pullThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        PullSettings pull = new PullSettings(settings.pullBatchSize(), settings.maxCachedMessages(),
                settings.maxCachedBytes(), settings.longPolling(), settings.longPolling().plusMillis(
                PULL_TIMEOUT_MARGIN_MILLIS), java.time.Duration.ofMillis(PULL_ERROR_DELAY_MILLIS), settings.clustering());
        this.puller = new Puller(requests, pull, subscriptions::get, new PullSink(), pullThread, Clock.systemUTC());
        ConsumeSupport support = new ConsumeSupport(group, settings.clustering(), settings.consumeBatchSize(),
                settings.effectiveMaxReconsumeTimes(), settings.consumeTimeout(), settings.orderlyRetryDelay(),
                new SendBack(requests), control, this::consumed);
        this.dispatcher = settings.orderly()
                ? new OrderlyDispatcher(support, settings.orderlyListener()::consume, settings.threads(),
                settings.consumeThreadFactory(), this::mayConsumeOrderly)
                : new ConcurrentDispatcher(support, settings.listener()::consume, settings.threads(),
                settings.consumeThreadFactory());
        this.rebalancer = new Rebalancer(requests, settings.messageModel(), settings.allocation(),
                subscriptions::keySet, this::assign);
    }

    /**
     * Starts a push consumer: claims its group in the client, joins the heartbeat, registers for the
     * brokers' requests about the group, and starts the first rebalance (in the background).
     *
     * @param defaultOffsetDirectory broadcasting: where the offset file goes when the settings name none
     * @throws MqClientException when the client is closed, already has a consumer of this group, or
     *                           the broadcasting offset file cannot be read
     */
    public static PushConsumerEngine start(ClientCore core, PushConsumerSettings settings,
                                           Path defaultOffsetDirectory) {
        core.claimGroup(KIND, settings.group());
        PushConsumerEngine engine;
        try {
            engine = new PushConsumerEngine(core, settings, defaultOffsetDirectory);
        } catch (RuntimeException e) {
            core.releaseGroup(KIND, settings.group());
            throw e;
        }
        engine.begin();
        return engine;
    }

    private static Map<String, Subscription> subscriptions(PushConsumerSettings settings) {
        long version = System.currentTimeMillis();
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        settings.subscriptions().forEach((topic, expression) ->
                subscriptions.put(topic, Subscription.of(topic, expression, version)));
        if (settings.clustering()) {
            String retry = TopicNames.retryTopic(settings.group());
            subscriptions.put(retry, Subscription.of(retry, Subscription.ALL, version));
        }
        return Map.copyOf(subscriptions);
    }

    private void begin() {
        var dispatch = core.brokerRequests();
        registrations.add(dispatch.register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, group, (connection, request) -> {
            rebalanceSoon();
            return CompletableFuture.completedFuture(null);
        }));
        registrations.add(dispatch.register(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, group, this::resetRequested));
        registrations.add(dispatch.register(RequestCode.GET_CONSUMER_RUNNING_INFO, group, this::runningInfo));
        registrations.add(core.heartbeats().addConsumer(this::consumerData));
        registrations.add(core.onClose(this));
        control.execute(guarded("first rebalance", this::firstRebalance));
        schedule("rebalance", this::rebalance, settings.rebalanceInterval().toMillis());
        schedule("offset commit", this::commitOffsets, settings.offsetCommitInterval().toMillis());
        if (settings.orderly() && settings.clustering()) {
            schedule("lock renewal", () -> locks.renew(queues.values()), settings.relockInterval().toMillis());
        } else if (!settings.orderly()) {
            long scan = Math.max(100, Math.min(60_000, settings.consumeTimeout().toMillis() / 4));
            schedule("consume timeout check", dispatcher::handBackTimedOut, scan);
            schedule("stall check", dispatcher::watch, ConsumeDispatcher.WATCH_INTERVAL.toMillis());
        }
    }

    private void schedule(String what, Runnable task, long periodMillis) {
        control.scheduleWithFixedDelay(guarded(what, task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            if (closing) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "group " + group + ": " + what + " failed; trying again later", e);
            }
        };
    }

    /** Looks up the routes, makes sure the brokers heard the heartbeat, then rebalances. */
    private void firstRebalance() {
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (String topic : subscriptions.keySet()) {
            lookups.add(core.routes().route(topic).exceptionally(error -> null));
        }
        long timeout = core.settings().requestTimeout().toMillis();
        try {
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get(timeout, TimeUnit.MILLISECONDS);
            core.heartbeats().sendToAll().get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "group {0}: first heartbeat not confirmed: {1}", group, e.toString());
        }
        rebalance();
    }

    /** Rebalances soon on the control thread (several requests in a row make one rebalance). */
    void rebalanceSoon() {
        if (rebalanceQueued.compareAndSet(false, true)) {
            try {
                control.execute(guarded("rebalance", () -> {
                    rebalanceQueued.set(false);
                    rebalance();
                }));
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void rebalance() {
        if (closing) {
            return;
        }
        takeFailed = false;
        boolean settled = false;
        try {
            settled = rebalancer.rebalance() && !takeFailed;
        } finally {
            watchPulls();
            if (!settled) {
                retrySoon();
            }
        }
    }

    /**
     * A queue that the allocation gives this consumer but that it could not take is pulled by nobody
     * (the other consumers leave it to this one): the rebalance is tried again soon, not only at the
     * next regular one (20 s by default).
     */
    private void retrySoon() {
        if (retryQueued.compareAndSet(false, true)) {
            try {
                control.schedule(guarded("rebalance retry", () -> {
                    retryQueued.set(false);
                    rebalance();
                }), UNSETTLED_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                retryQueued.set(false); // closing
            }
        }
    }

    /**
     * The invariant behind every rebalance: each owned queue has a pull scheduled, in flight or
     * parked for a reason; the puller's watchdog pulls again (and warns about) any queue that has
     * none, whose answer is overdue, or that missed its wake-up.
     */
    private void watchPulls() {
        for (ProcessQueue queue : queues.values()) {
            puller.check(queue);
        }
    }

    /** Applies a rebalance's decision for one topic: gives up queues no longer ours, takes new ones. */
    private void assign(String topic, Set<MessageQueue> mine) {
        for (ProcessQueue queue : List.copyOf(queues.values())) {
            if (queue.queue().topic().equals(topic) && !mine.contains(queue.queue())) {
                giveUp(queue);
            }
        }
        List<MessageQueue> added = new ArrayList<>();
        for (MessageQueue queue : mine) {
            ProcessQueue current = queues.get(queue);
            if (current == null) {
                added.add(queue);
            } else if (current.isDropped()) {
                // a dropped queue left in place would never be pulled again: take the queue anew
                LOG.log(Level.WARNING, "group {0}: {1} was dropped but still listed as owned; taking it again",
                        group, queue);
                queues.remove(queue, current);
                added.add(queue);
            }
        }
        if (added.isEmpty() || closing) {
            return;
        }
        boolean needsLock = settings.orderly() && settings.clustering();
        Set<MessageQueue> locked = needsLock ? locks.lock(added) : Set.of();
        for (MessageQueue queue : added) {
            if (needsLock && !locked.contains(queue)) {
                LOG.log(Level.INFO, "group {0}: {1} is still locked by another consumer; taking it at a later "
                        + "rebalance", group, queue);
                continue;
            }
            take(queue, needsLock);
        }
    }

    private void take(MessageQueue queue, boolean locked) {
        long start;
        try {
            start = startOffsets.startOffset(queue);
        } catch (MqException e) {
            LOG.log(Level.WARNING, "group {0}: cannot find where to start {1}; trying again in {2} ms: {3}",
                    group, queue, UNSETTLED_RETRY_MILLIS, e.getMessage());
            takeFailed = true;
            if (locked) {
                locks.unlock(List.of(queue));
            }
            return;
        }
        ProcessQueue processQueue = new ProcessQueue(queue, start);
        processQueue.setLocked(locked);
        queues.put(queue, processQueue);
        LOG.log(Level.DEBUG, "group {0}: took {1} at offset {2}", group, queue, start);
        puller.start(processQueue);
    }

    /** Gives a queue up: commits what was consumed, drops the cache, releases the lock (orderly). */
    private void giveUp(ProcessQueue queue) {
        queues.remove(queue.queue(), queue);
        boolean orderlyLock = settings.orderly() && settings.clustering();
        boolean quiet = false;
        if (orderlyLock) {
            try {
                quiet = queue.consumeLock.tryLock(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            long offset = queue.committableOffset();
            queue.drop();
            offsets.persist(Map.of(queue.queue(), offset), true);
            if (quiet) {
                locks.unlock(List.of(queue.queue()));
            } else if (orderlyLock) {
                unlockWhenIdle(queue, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            }
        } finally {
            if (quiet) {
                queue.consumeLock.unlock();
            }
        }
        LOG.log(Level.DEBUG, "group {0}: gave up {1}", group, queue.queue());
    }

    /**
     * Orderly: releases the broker lock of a queue given up while its listener call was still running,
     * once that call is over (checked every second; after a minute the broker has let it expire).
     */
    private void unlockWhenIdle(ProcessQueue queue, long giveUpNanos) {
        if (closing || System.nanoTime() - giveUpNanos > 0 || queues.containsKey(queue.queue())) {
            return; // closing (close unlocks), expired, or the queue is ours again (locked anew)
        }
        if (queue.consumeLock.tryLock()) {
            try {
                locks.unlock(List.of(queue.queue()));
            } finally {
                queue.consumeLock.unlock();
            }
            return;
        }
        try {
            control.schedule(guarded("unlock of " + queue.queue(), () -> unlockWhenIdle(queue, giveUpNanos)), 1,
                    TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the broker lets the lock expire
        }
    }

    /** Commits every queue's committable offset (without waiting). */
    private void commitOffsets() {
        offsets.persist(committable(), false);
    }

    private Map<MessageQueue, Long> committable() {
        Map<MessageQueue, Long> committable = new HashMap<>();
        for (ProcessQueue queue : queues.values()) {
            if (!queue.isDropped()) {
                committable.put(queue.queue(), queue.committableOffset());
            }
        }
        return committable;
    }

    /** Consumption made room in {@code queue}'s cache: a parked queue is pulled again once a pull fits. */
    private void consumed(ProcessQueue queue) {
        puller.wakeIfRoom(queue);
    }

    private boolean mayConsumeOrderly(ProcessQueue queue) {
        return !settings.clustering() || locks.holds(queue);
    }

    /** What the pull thread needs from this consumer. */
    private final class PullSink implements Puller.Sink {

        @Override
        public Puller.Gate gate(ProcessQueue queue) {
            if (paused) {
                return Puller.Gate.PARK;
            }
            if (settings.orderly() && settings.clustering() && !queue.isLocked()) {
                return Puller.Gate.LATER;
            }
            return Puller.Gate.OPEN;
        }

        @Override
        public void pulled(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
            dispatcher.dispatch(queue, batch);
        }

        @Override
        public void offsetMoved(ProcessQueue queue, long nextOffset) {
            runOnControl("offset correction of " + queue.queue(), () -> restart(queue, nextOffset, true));
        }
    }

    private void runOnControl(String what, Runnable task) {
        try {
            control.execute(guarded(what, task));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Starts {@code old}'s queue again at {@code offset}, dropping what was cached (offset moved or reset). */
    private void restart(ProcessQueue old, long offset, boolean commit) {
        if (closing || queues.get(old.queue()) != old) {
            return;
        }
        boolean quiet = false;
        if (settings.orderly()) {
            try {
                quiet = old.consumeLock.tryLock(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            old.drop();
        } finally {
            if (quiet) {
                old.consumeLock.unlock();
            }
        }
        ProcessQueue fresh = new ProcessQueue(old.queue(), offset);
        fresh.setLocked(old.isLocked());
        try {
            if (commit) {
                offsets.persist(Map.of(old.queue(), offset), true);
            } else {
                offsets.assume(old.queue(), offset);
            }
        } finally {
            // whatever happened to the commit, the dropped queue must not stay in place unpulled
            if (queues.replace(old.queue(), old, fresh)) {
                puller.start(fresh);
            }
        }
    }

    // ---- requests brokers send about this group ----

    private CompletableFuture<RemotingCommand> resetRequested(Connection connection, RemotingCommand request) {
        try {
            ResetConsumerClientOffsetHeader header = ResetConsumerClientOffsetHeader.read(request);
            Map<MessageQueue, Long> targets = ResetOffsetBody.parse(request.body());
            LOG.log(Level.INFO, "group {0}: the broker resets topic {1} to {2}", group, header.topic(), targets);
            runOnControl("offset reset", () -> targets.forEach((queue, offset) -> {
                ProcessQueue current = queues.get(queue);
                if (current != null) {
                    restart(current, offset, false);
                } else {
                    offsets.assume(queue, offset);
                }
            }));
        } catch (RemotingCommandException | MqClientException e) {
            LOG.log(Level.WARNING, "group {0}: ignoring an offset reset from {1} that cannot be read: {2}", group,
                    connection.remoteAddressText(), e.getMessage());
        }
        return CompletableFuture.completedFuture(request.isOneway() ? null
                : RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
    }

    private CompletableFuture<RemotingCommand> runningInfo(Connection connection, RemotingCommand request) {
        Map<String, String> properties = new HashMap<>();
        properties.put("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
        properties.put("PROP_CONSUMEORDERLY", Boolean.toString(settings.orderly()));
        properties.put("PROP_THREADPOOL_CORE_SIZE", Integer.toString(settings.threads()));
        properties.put("PROP_NAMESERVER_ADDR", String.join(";", core.settings().namesrvAddresses()));
        properties.put("PROP_CONSUMER_START_TIMESTAMP", Long.toString(startMillis));
        properties.put("PROP_CLIENT_VERSION", "mq-client");
        properties.put("messageModel", settings.messageModel().name());
        properties.put("consumeFromWhere", "CONSUME_FROM_" + settings.consumeFrom().name());
        properties.put("consumeMessageBatchMaxSize", Integer.toString(settings.consumeBatchSize()));
        properties.put("pullBatchSize", Integer.toString(settings.pullBatchSize()));
        properties.put("pullThresholdForQueue", Integer.toString(settings.maxCachedMessages()));
        properties.put("maxReconsumeTimes", Integer.toString(settings.effectiveMaxReconsumeTimes()));
        properties.put("paused", Boolean.toString(paused));
        List<RunningInfo.QueueState> states = new ArrayList<>();
        for (ProcessQueue queue : new java.util.TreeMap<>(queues).values()) {
            states.add(RunningInfo.QueueState.of(queue));
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.setBody(RunningInfo.body(properties, subscriptionsSorted(), states));
        return CompletableFuture.completedFuture(response);
    }

    private Collection<Subscription> subscriptionsSorted() {
        List<Subscription> sorted = new ArrayList<>(subscriptions.values());
        sorted.sort(java.util.Comparator.comparing(Subscription::topic));
        return sorted;
    }

    private HeartbeatData.ConsumerData consumerData() {
        List<HeartbeatData.SubscriptionData> data = new ArrayList<>();
        for (Subscription subscription : subscriptions.values()) {
            data.add(subscription.toHeartbeat());
        }
        return new HeartbeatData.ConsumerData(group, "CONSUME_PASSIVELY", settings.messageModel().name(),
                "CONSUME_FROM_" + settings.consumeFrom().name(), data, false);
    }

    // ---- API ----

    /** The settings. */
    public PushConsumerSettings settings() {
        return settings;
    }

    /** Stops delivering new messages (and pulling) until {@link #resume()}; running listener calls finish. */
    public void pause() {
        paused = true;
        dispatcher.pause();
    }

    /** Delivers and pulls again after {@link #pause()}. */
    public void resume() {
        paused = false;
        dispatcher.resume(queues.values());
        for (ProcessQueue queue : queues.values()) {
            puller.wake(queue);
        }
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosing() {
        return closing;
    }

    /** Whether paused. */
    public boolean isPaused() {
        return paused;
    }

    /** The queues this consumer owns now. */
    public Set<MessageQueue> assignment() {
        return Set.copyOf(queues.keySet());
    }

    /** The state of each owned queue (for tests and diagnostics). */
    public Collection<ProcessQueue> processQueues() {
        return List.copyOf(queues.values());
    }

    /** The file broadcasting offsets are kept in, or null in clustering mode. */
    public Path offsetFile() {
        return offsets instanceof LocalOffsetStore local ? local.file() : null;
    }

    /**
     * Closes the consumer: stops pulling and starting the listener, waits up to the shutdown timeout
     * for running listener calls, commits the offsets of what was consumed (messages not consumed are
     * handed back: the next owner of their queue gets them), releases queue locks, leaves the group
     * (the other consumers rebalance at once) and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatcher.stop();
        closing = true;
        puller.close();
        if (!dispatcher.awaitRunning(settings.shutdownTimeout())) {
            LOG.log(Level.WARNING, "group {0}: listener calls still running {1} ms after close; their messages are "
                    + "handed back (delivered again to the next owner of their queue)", group,
                    settings.shutdownTimeout().toMillis());
        }
        control.shutdownNow();
        // not shutdownNow: pull answers still queued must run to release their frames (the puller is
        // closed, so that is all they do); delayed pulls are dropped
        pullThread.shutdown();
        try {
            offsets.persist(committable(), true);
            if (settings.orderly() && settings.clustering()) {
                List<MessageQueue> held = new ArrayList<>();
                for (ProcessQueue queue : queues.values()) {
                    if (queue.isLocked()) {
                        held.add(queue.queue());
                    }
                }
                locks.unlock(held);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "group " + group + ": committing offsets at close failed", e);
        }
        for (ProcessQueue queue : queues.values()) {
            queue.drop();
        }
        queues.clear();
        for (int i = registrations.size() - 1; i >= 0; i--) {
            registrations.get(i).close();
        }
        core.heartbeats().unregister(null, group);
        dispatcher.stopThreads();
        core.releaseGroup(KIND, group);
    }

    @Override
    public String toString() {
        return "push consumer of group " + group + " " + subscriptions.values();
    }
}
