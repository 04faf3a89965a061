package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommandCodec;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one {@code MqClient} shares among its producers, consumers and admin calls: one
 * transport (one connection per server address), the routes and the broker directory, the
 * heartbeats, the dispatcher of broker-to-client requests, the message id generator, and the
 * client's threads:
 * <ul>
 *   <li>{@code mq-client-io-*}: the transport's network I/O (never blocked, never runs user code);</li>
 *   <li>{@code mq-client-scheduler-1}: route refresh and heartbeats (never blocks: it only starts
 *       asynchronous calls);</li>
 *   <li>{@code mq-client-callback-*}: completes the futures users see, runs transaction checkers
 *       and handles broker-to-client requests.</li>
 * </ul>
 * {@link #close()} closes what registered with {@link #onClose} (producers, consumers; newest first),
 * then stops every thread. Thread-safe.
 */
public final class ClientCore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClientCore.class.getName());
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ClientSettings settings;
    private final String clientId;
    private final RemotingClient remoting;
    private final Invoker invoker;
    private final BrokerDirectory brokers = new BrokerDirectory();
    private final Routes routes;
    private final Heartbeats heartbeats;
    private final BrokerRequestDispatcher brokerRequests = new BrokerRequestDispatcher();
    private final MessageIdGenerator messageIds;
    private final ClientThreads callbackThreads = new ClientThreads("callback");
    private final ExecutorService callbacks;
    private final ScheduledExecutorService scheduler;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Creates the client's transport and threads and starts the periodic route refresh and heartbeats. */
    public ClientCore(ClientSettings settings) {
        this.settings = settings;
        InetAddress address = LocalAddress.find();
        long pid = ProcessHandle.current().pid();
        this.clientId = address.getHostAddress() + "@" + settings.instanceName();
        int discriminator = ClientCore.class.getClassLoader().hashCode() ^ ThreadLocalRandom.current().nextInt();
        this.messageIds = new MessageIdGenerator(address, pid, discriminator, Clock.systemDefaultZone());
        this.remoting = new RemotingClient(new RemotingClientConfig(settings.ioThreads(), settings.connectTimeout(),
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH));
        this.invoker = new Invoker(remoting, settings.namesrvAddresses(), settings.requestTimeout());
        this.heartbeats = new Heartbeats(clientId, invoker, brokers, settings.requestTimeout());
        this.callbacks = new ThreadPoolExecutor(settings.callbackThreads(), settings.callbackThreads(), 0,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), callbackThreads);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new ClientThreads("scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
        // a broker named for the first time hears the heartbeat at once (heartbeat data comes from
        // consumers' suppliers: built on the scheduler thread, not on the network thread that stored the route)
        this.routes = new Routes(invoker, settings.requestTimeout(), brokers,
                added -> runOnScheduler(() -> heartbeats.sendTo(added)), this::runCallback);
        for (int code : BrokerRequestDispatcher.codes()) {
            remoting.registerProcessor(code, brokerRequests::dispatch, callbacks);
        }
        long refresh = settings.routeRefreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded("route refresh", routes::refreshAll), refresh, refresh,
                TimeUnit.MILLISECONDS);
        long heartbeat = settings.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded("heartbeat", heartbeats::sendToAll), Math.min(1_000, heartbeat),
                heartbeat, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(String task, Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, task + " failed; trying again at the next interval", e);
            }
        };
    }

    private void runOnScheduler(Runnable task) {
        try {
            scheduler.execute(guarded("heartbeat to new brokers", task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no more heartbeats
        }
    }

    /** The settings. */
    public ClientSettings settings() {
        return settings;
    }

    /** {@code ip@instanceName}: how brokers know this client. */
    public String clientId() {
        return clientId;
    }

    /** Calls brokers and name servers. */
    public Invoker invoker() {
        return invoker;
    }

    /** The route cache. */
    public Routes routes() {
        return routes;
    }

    /** The brokers the routes name. */
    public BrokerDirectory brokers() {
        return brokers;
    }

    /** The groups brokers are told about. */
    public Heartbeats heartbeats() {
        return heartbeats;
    }

    /** Where handlers of broker-to-client requests register. */
    public BrokerRequestDispatcher brokerRequests() {
        return brokerRequests;
    }

    /** The message id generator of this client. */
    public MessageIdGenerator messageIds() {
        return messageIds;
    }

    /** The callback threads: complete user futures and run user callbacks here, never on an I/O thread. */
    public Executor callbackExecutor() {
        return callbacks;
    }

    /** Runs {@code task} on a callback thread, or on the calling thread once the client is closing. */
    public void runCallback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    /** The scheduler thread, for short periodic tasks that never block (start asynchronous calls instead). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Claims a producer or consumer group name for one producer or consumer of this client.
     *
     * @param kind "producer" or "consumer" (a producer and a consumer may share a name)
     * @throws MqClientException if the group is already used by this client
     */
    public void claimGroup(String kind, String group) {
        ensureOpen();
        if (!groups.add(kind + ":" + group)) {
            throw new MqClientException("this client already has a " + kind + " of group " + group
                    + "; close it first, or use another group");
        }
    }

    /** Gives a group name back (its producer or consumer closed). */
    public void releaseGroup(String kind, String group) {
        groups.remove(kind + ":" + group);
    }

    /**
     * Registers something to close when the client closes (before its threads stop), newest first.
     *
     * @return takes it off the list (call it when the resource is closed on its own)
     */
    public Registration onClose(AutoCloseable resource) {
        closeables.add(resource);
        return () -> closeables.remove(resource);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Fails when the client is closed.
     *
     * @throws MqClientException "the client is closed"
     */
    public void ensureOpen() {
        if (closed.get()) {
            throw new MqClientException("the client " + clientId + " is closed");
        }
    }

    /**
     * Closes the registered producers and consumers (newest first), stops the periodic tasks, closes
     * every connection (calls still waiting fail) and stops the threads, waiting up to 5 s for
     * callbacks already queued. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> toClose = new ArrayList<>(closeables);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + toClose.get(i) + " failed", e);
            }
        }
        closeables.clear();
        scheduler.shutdownNow();
        remoting.close();
        callbacks.shutdown();
        if (!callbackThreads.isCurrent()) {
            try {
                if (!callbacks.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "callbacks of client {0} still running {1} ms after close; "
                            + "they finish on their own", clientId, CLOSE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
