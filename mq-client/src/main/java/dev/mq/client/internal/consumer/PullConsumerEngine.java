package dev.mq.client.internal.consumer;

import dev.mq.client.MessageModel;
import dev.mq.client.MessageQueue;
import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.MqTimeoutException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.internal.ClientCore;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.Registration;
import dev.mq.client.internal.TopicRoute;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.body.HeartbeatData;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pull consumer: queues by subscription (rebalanced in the group) or by assignment, fetched in
 * the background with long polling into a bounded cache per queue, handed out by {@link #poll};
 * positions, seeks and commits.
 *
 * <p>Threads: {@code mq-consumer-<group>-control-1} rebalances and carries out assignments and seeks
 * (so they never race each other); {@code mq-consumer-<group>-pull-1} pulls. Every method may be
 * called from any thread.
 */
public final class PullConsumerEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PullConsumerEngine.class.getName());
    private static final String KIND = "consumer";
    private static final long PULL_TIMEOUT_MARGIN_MILLIS = 10_000;
    private static final long PULL_ERROR_DELAY_MILLIS = 3_000;

    private enum Mode { NONE, SUBSCRIBED, ASSIGNED }

    private final ClientCore core;
    private final PullConsumerSettings settings;
    private final String group;
    private final ConsumerRequests requests;
    private final BrokerOffsetStore offsets;
    private final StartOffsets startOffsets;
    private final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Subscription> everything = new ConcurrentHashMap<>();
    private final ConcurrentMap<MessageQueue, ProcessQueue> queues = new ConcurrentHashMap<>();
    private final Set<MessageQueue> paused = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor control;
    private final ScheduledThreadPoolExecutor pullThread;
    private final Puller puller;
    private final Rebalancer rebalancer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition fetched = lock.newCondition();
    private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Registration> registrations = new ArrayList<>();
    private volatile Mode mode = Mode.NONE;
    private volatile long lastCommitNanos = System.nanoTime();
    private int pollStart;

    private PullConsumerEngine(ClientCore core, PullConsumerSettings settings) {
        this.core = core;
        this.settings = settings;
        this.group = settings.group();
        this.requests = new ConsumerRequests(core, group);
        this.offsets = new BrokerOffsetStore(requests);
        this.startOffsets = new StartOffsets(requests, offsets, settings.consumeFrom(), settings.consumeTimestamp());
        this.control = new ScheduledThreadPoolExecutor(1, new ConsumerThreadFactory(group, "control"));
        this.control.setRemoveOnCancelPolicy(true);
        this.pullThread = new ScheduledThreadPoolExecutor(1, new ConsumerThreadFactory(group, "pull"));
        this.pullThread.setRemoveOnCancelPolicy(true);
        this.pullThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        PullSettings pull = new PullSettings(settings.pullBatchSize(), settings.maxCachedMessages(),
                settings.maxCachedBytes(), settings.longPolling(),
                settings.longPolling().plusMillis(PULL_TIMEOUT_MARGIN_MILLIS), Duration.ofMillis(PULL_ERROR_DELAY_MILLIS),
                false);
        this.puller = new Puller(requests, pull, this::subscriptionOf, new PollSink(), pullThread,
                java.time.Clock.systemUTC());
        this.rebalancer = new Rebalancer(requests, MessageModel.CLUSTERING, settings.allocation(),
                subscriptions::keySet, this::assignTopic);
    }

    /**
     * Starts a pull consumer (it fetches nothing until {@link #subscribe} or {@link #assign}).
     *
     * @throws MqClientException when the client is closed or already has a consumer of this group
     */
    public static PullConsumerEngine start(ClientCore core, PullConsumerSettings settings) {
        core.claimGroup(KIND, settings.group());
        PullConsumerEngine engine;
        try {
            engine = new PullConsumerEngine(core, settings);
        } catch (RuntimeException e) {
            core.releaseGroup(KIND, settings.group());
            throw e;
        }
        engine.registrations.add(core.brokerRequests().register(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                settings.group(), (connection, request) -> {
                    engine.rebalanceSoon();
                    return CompletableFuture.completedFuture(null);
                }));
        engine.registrations.add(core.brokerRequests().register(RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                settings.group(), engine::resetRequested));
        engine.registrations.add(core.onClose(engine));
        return engine;
    }

    /** The settings. */
    public PullConsumerSettings settings() {
        return settings;
    }

    // ---- subscribe / assign ----

    /**
     * Subscribes to {@code topic} with a tag expression; the group's consumers share its queues.
     *
     * @throws MqClientException for a bad topic or expression, or when queues were assigned
     */
    public synchronized void subscribe(String topic, String expression) {
        ensureOpen();
        if (mode == Mode.ASSIGNED) {
            throw new MqClientException("pull consumer of group " + group
                    + ": queues were assigned; subscribe and assign cannot be mixed");
        }
        subscriptions.put(topic, Subscription.of(topic, expression, System.currentTimeMillis()));
        if (mode == Mode.NONE) {
            mode = Mode.SUBSCRIBED;
            registrations.add(core.heartbeats().addConsumer(this::consumerData));
            long interval = settings.rebalanceInterval().toMillis();
            control.scheduleWithFixedDelay(guarded("rebalance", rebalancer::rebalance), interval, interval,
                    TimeUnit.MILLISECONDS);
        }
        runOnControl("first rebalance", () -> {
            try {
                core.routes().route(topic).get(timeoutMillis(), TimeUnit.MILLISECONDS);
                core.heartbeats().sendToAll().get(timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.WARNING, "group {0}: topic {1} not ready yet ({2}); trying at the next rebalance",
                        group, topic, Invoker.unwrap(e).getMessage());
            }
            rebalancer.rebalance();
        });
    }

    /**
     * Consumes exactly {@code assigned} (no rebalancing, no group membership); queues no longer
     * listed are given up, new ones start at the group's committed offset or the consume-from policy.
     *
     * @throws MqClientException when the consumer subscribed
     */
    public synchronized void assign(Collection<MessageQueue> assigned) {
        ensureOpen();
        if (mode == Mode.SUBSCRIBED) {
            throw new MqClientException("pull consumer of group " + group
                    + ": it subscribed; subscribe and assign cannot be mixed");
        }
        Set<MessageQueue> wanted = new LinkedHashSet<>(assigned);
        mode = Mode.ASSIGNED;
        onControl("assignment", () -> {
            for (ProcessQueue queue : List.copyOf(queues.values())) {
                if (!wanted.contains(queue.queue())) {
                    giveUp(queue);
                }
            }
            List<String> failures = new ArrayList<>();
            for (MessageQueue queue : wanted) {
                if (!queues.containsKey(queue)) {
                    String failure = take(queue);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new MqClientException("pull consumer of group " + group + ": " + String.join("; ", failures));
            }
            return null;
        });
    }

    /** Applies a rebalance's decision for one subscribed topic. */
    private void assignTopic(String topic, Set<MessageQueue> mine) {
        for (ProcessQueue queue : List.copyOf(queues.values())) {
            if (queue.queue().topic().equals(topic) && !mine.contains(queue.queue())) {
                giveUp(queue);
            }
        }
        for (MessageQueue queue : mine) {
            if (!queues.containsKey(queue) && !closed.get()) {
                String failure = take(queue);
                if (failure != null) {
                    LOG.log(Level.WARNING, "group {0}: {1}; trying at the next rebalance", group, failure);
                }
            }
        }
    }

    /** Starts fetching {@code queue}; returns why it could not, or null. */
    private String take(MessageQueue queue) {
        long start;
        try {
            start = startOffsets.startOffset(queue);
        } catch (MqException e) {
            return "cannot find where to start " + queue + ": " + e.getMessage();
        }
        ProcessQueue processQueue = new ProcessQueue(queue, start);
        queues.put(queue, processQueue);
        puller.start(processQueue);
        return null;
    }

    private void giveUp(ProcessQueue queue) {
        queues.remove(queue.queue(), queue);
        long position = queue.committableOffset();
        queue.drop();
        paused.remove(queue.queue());
        if (settings.autoCommit()) {
            offsets.persist(Map.of(queue.queue(), position), true);
        }
    }

    // ---- poll ----

    /**
     * The next fetched messages, at most {@code maxPollMessages}, waiting up to {@code timeout} for
     * some; empty when none arrived in time. With auto-commit, commits the positions of what earlier
     * polls returned once the auto-commit interval has passed.
     *
     * @throws MqClientException when the consumer neither subscribed nor assigned, or is closed
     */
    public List<ReceivedMessage> poll(Duration timeout) {
        ensureOpen();
        if (mode == Mode.NONE) {
            throw new MqClientException("pull consumer of group " + group + ": subscribe or assign before poll");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new MqClientException("poll timeout must be zero or positive, got " + timeout);
        }
        if (settings.autoCommit() && System.nanoTime() - lastCommitNanos >= settings.autoCommitInterval().toNanos()) {
            lastCommitNanos = System.nanoTime();
            offsets.persist(positions(), false);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<ReceivedMessage> messages = drain();
                if (!messages.isEmpty() || closed.get()) {
                    return messages;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return messages;
                }
                fetched.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** Takes cached messages, queue after queue, starting one queue further each time (fairness). */
    private List<ReceivedMessage> drain() {
        List<ProcessQueue> owned = new ArrayList<>(queues.values());
        List<ReceivedMessage> messages = new ArrayList<>();
        int count = owned.size();
        for (int i = 0; i < count && messages.size() < settings.maxPollMessages(); i++) {
            ProcessQueue queue = owned.get(Math.floorMod(pollStart + i, count));
            if (paused.contains(queue.queue()) || queue.isDropped()) {
                continue;
            }
            int before = messages.size();
            queue.take(settings.maxPollMessages() - messages.size(), messages);
            if (messages.size() > before) {
                puller.wakeIfRoom(queue);
            }
        }
        pollStart++;
        return messages;
    }

    // ---- positions and commits ----

    /** The next offset poll returns from each owned queue (what a commit stores). */
    public Map<MessageQueue, Long> positions() {
        Map<MessageQueue, Long> positions = new HashMap<>();
        for (ProcessQueue queue : queues.values()) {
            if (!queue.isDropped()) {
                positions.put(queue.queue(), queue.committableOffset());
            }
        }
        return positions;
    }

    /**
     * The next offset poll returns from {@code queue}.
     *
     * @throws MqClientException when the queue is not owned
     */
    public long position(MessageQueue queue) {
        return owned(queue).committableOffset();
    }

    /** Commits the positions of every owned queue and waits (failures are logged). */
    public void commit() {
        ensureOpen();
        offsets.persist(positions(), true);
        lastCommitNanos = System.nanoTime();
    }

    /**
     * Commits these offsets (the next offset to consume, per queue) and waits.
     *
     * @throws MqClientException for a negative offset
     */
    public void commit(Map<MessageQueue, Long> committed) {
        ensureOpen();
        committed.forEach((queue, offset) -> {
            if (offset == null || offset < 0) {
                throw new MqClientException("cannot commit offset " + offset + " for " + queue);
            }
        });
        offsets.persist(Map.copyOf(committed), true);
    }

    /** The group's committed offset of {@code queue} as its broker has it, or empty when none. */
    public OptionalLong committed(MessageQueue queue) {
        ensureOpen();
        long offset = requests.committedOffset(queue, true);
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    // ---- seeking ----

    /**
     * Continues {@code queue} at {@code offset}: what was fetched from it is dropped.
     *
     * @throws MqClientException when the queue is not owned or the offset is negative
     */
    public void seek(MessageQueue queue, long offset) {
        ensureOpen();
        if (offset < 0) {
            throw new MqClientException("cannot seek " + queue + " to negative offset " + offset);
        }
        owned(queue);
        onControl("seek of " + queue, () -> {
            ProcessQueue current = owned(queue);
            restart(current, offset);
            return null;
        });
    }

    /** Seeks each queue to its oldest stored message. */
    public void seekToBeginning(Collection<MessageQueue> toSeek) {
        for (MessageQueue queue : toSeek) {
            owned(queue);
            seek(queue, requests.minOffset(queue));
        }
    }

    /** Seeks each queue past its last stored message (only new messages come). */
    public void seekToEnd(Collection<MessageQueue> toSeek) {
        for (MessageQueue queue : toSeek) {
            owned(queue);
            seek(queue, requests.maxOffset(queue));
        }
    }

    /** The offset of the first message stored in {@code queue} at or after {@code time} (the end if none). */
    public long offsetForTimestamp(MessageQueue queue, Instant time) {
        ensureOpen();
        return requests.offsetAt(queue, time.toEpochMilli());
    }

    /** Seeks {@code queue} to the first message stored at or after {@code time}. */
    public void seekToTimestamp(MessageQueue queue, Instant time) {
        owned(queue);
        seek(queue, offsetForTimestamp(queue, time));
    }

    private void restart(ProcessQueue old, long offset) {
        if (queues.get(old.queue()) != old) {
            return;
        }
        old.drop();
        ProcessQueue fresh = new ProcessQueue(old.queue(), offset);
        if (queues.replace(old.queue(), old, fresh)) {
            puller.start(fresh);
        }
    }

    // ---- pause, assignment, routes ----

    /** Stops returning (and fetching) messages of these queues until {@link #resume}. */
    public void pause(Collection<MessageQueue> toPause) {
        paused.addAll(toPause);
    }

    /** Returns and fetches messages of these queues again. */
    public void resume(Collection<MessageQueue> toResume) {
        paused.removeAll(toResume);
        for (MessageQueue queue : toResume) {
            ProcessQueue processQueue = queues.get(queue);
            if (processQueue != null) {
                puller.wake(processQueue);
            }
        }
        lock.lock();
        try {
            fetched.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The paused queues. */
    public Set<MessageQueue> paused() {
        return Set.copyOf(paused);
    }

    /** The queues this consumer owns now. */
    public Set<MessageQueue> assignment() {
        return Set.copyOf(queues.keySet());
    }

    /** The readable queues of {@code topic}, sorted. */
    public List<MessageQueue> queues(String topic) {
        ensureOpen();
        try {
            TopicRoute route = core.routes().route(topic).get(timeoutMillis(), TimeUnit.MILLISECONDS);
            List<MessageQueue> result = new ArrayList<>();
            for (dev.mq.protocol.body.MessageQueue queue : route.readQueues()) {
                result.add(new MessageQueue(queue.topic(), queue.brokerName(), queue.queueId()));
            }
            result.sort(null);
            return List.copyOf(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqClientException("interrupted while looking up the queues of " + topic, e);
        } catch (TimeoutException e) {
            throw new MqTimeoutException("route lookup of topic " + topic, core.settings().requestTimeout(), null, e);
        } catch (ExecutionException e) {
            Throwable cause = Invoker.unwrap(e);
            throw cause instanceof MqException mq ? mq : new MqClientException(cause.toString(), cause);
        }
    }

    private ProcessQueue owned(MessageQueue queue) {
        ProcessQueue processQueue = queues.get(queue);
        if (processQueue == null) {
            throw new MqClientException("queue " + queue + " is not assigned to this consumer of group " + group
                    + " (assigned: " + new java.util.TreeSet<>(queues.keySet()) + ")");
        }
        return processQueue;
    }

    private Subscription subscriptionOf(String topic) {
        Subscription subscription = subscriptions.get(topic);
        return subscription != null ? subscription
                : everything.computeIfAbsent(topic, t -> Subscription.of(t, Subscription.ALL, 0));
    }

    private HeartbeatData.ConsumerData consumerData() {
        List<HeartbeatData.SubscriptionData> data = new ArrayList<>();
        for (Subscription subscription : subscriptions.values()) {
            data.add(subscription.toHeartbeat());
        }
        return new HeartbeatData.ConsumerData(group, "CONSUME_ACTIVELY", MessageModel.CLUSTERING.name(),
                "CONSUME_FROM_" + settings.consumeFrom().name(), data, false);
    }

    private CompletableFuture<RemotingCommand> resetRequested(Connection connection, RemotingCommand request) {
        try {
            Map<MessageQueue, Long> targets = ResetOffsetBody.parse(request.body());
            runOnControl("offset reset", () -> targets.forEach((queue, offset) -> {
                ProcessQueue current = queues.get(queue);
                offsets.assume(queue, offset);
                if (current != null) {
                    restart(current, offset);
                }
            }));
        } catch (RemotingCommandException | MqClientException e) {
            LOG.log(Level.WARNING, "group {0}: ignoring an offset reset from {1} that cannot be read: {2}", group,
                    connection.remoteAddressText(), e.getMessage());
        }
        return CompletableFuture.completedFuture(request.isOneway() ? null
                : RemotingCommand.responseTo(request, dev.mq.protocol.ResponseCode.SUCCESS, null));
    }

    /** What the pull thread needs from this consumer. */
    private final class PollSink implements Puller.Sink {

        @Override
        public Puller.Gate gate(ProcessQueue queue) {
            return paused.contains(queue.queue()) ? Puller.Gate.PARK : Puller.Gate.OPEN;
        }

        @Override
        public void pulled(ProcessQueue queue, ProcessQueue.CachedBatch batch) {
            lock.lock();
            try {
                fetched.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void offsetMoved(ProcessQueue queue, long nextOffset) {
            runOnControl("offset correction of " + queue.queue(), () -> restart(queue, nextOffset));
        }
    }

    // ---- threads ----

    private void rebalanceSoon() {
        if (mode == Mode.SUBSCRIBED && rebalanceQueued.compareAndSet(false, true)) {
            runOnControl("rebalance", () -> {
                rebalanceQueued.set(false);
                rebalancer.rebalance();
            });
        }
    }

    private void runOnControl(String what, Runnable task) {
        try {
            control.execute(guarded(what, task));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Runs {@code task} on the control thread and waits for it, rethrowing what it throws. */
    private <T> T onControl(String what, Callable<T> task) {
        Future<T> result;
        try {
            result = control.submit(task);
        } catch (RejectedExecutionException e) {
            throw new MqClientException("pull consumer of group " + group + " is closed");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqClientException("interrupted during the " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof MqException mq ? mq : new MqClientException(what + " failed: " + cause, cause);
        }
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            if (closed.get()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "group " + group + ": " + what + " failed; trying again later", e);
            }
        };
    }

    private long timeoutMillis() {
        return core.settings().requestTimeout().toMillis();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MqClientException("the pull consumer of group " + group + " is closed");
        }
        core.ensureOpen();
    }

    /**
     * Closes the consumer: stops fetching, commits the positions (with auto-commit), leaves the group
     * (subscribe mode) and stops its threads; a poll waiting returns. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        puller.close();
        control.shutdownNow();
        // not shutdownNow: pull answers still queued must run to release their frames (the puller is
        // closed, so that is all they do); delayed pulls are dropped
        pullThread.shutdown();
        if (settings.autoCommit()) {
            offsets.persist(positions(), true);
        }
        for (ProcessQueue queue : queues.values()) {
            queue.drop();
        }
        queues.clear();
        for (int i = registrations.size() - 1; i >= 0; i--) {
            registrations.get(i).close();
        }
        if (mode == Mode.SUBSCRIBED) {
            core.heartbeats().unregister(null, group);
        }
        core.releaseGroup(KIND, group);
        lock.lock();
        try {
            fetched.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "pull consumer of group " + group + (mode == Mode.SUBSCRIBED ? " " + subscriptions.values()
                : mode == Mode.ASSIGNED ? " assigned " + queues.keySet() : "");
    }
}
