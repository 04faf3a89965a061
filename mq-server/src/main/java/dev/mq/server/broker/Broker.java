package dev.mq.server.broker;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.lifecycle.WorkerPool;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.protocol.Connection;
import dev.mq.protocol.ConnectionListener;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.admin.AdminProcessor;
import dev.mq.server.broker.admin.BrokerConfig;
import dev.mq.server.broker.admin.BrokerInfoProcessor;
import dev.mq.server.broker.admin.BrokerRuntime;
import dev.mq.server.broker.admin.ConsumerRunningInfoRelay;
import dev.mq.server.broker.client.ClientProcessor;
import dev.mq.server.broker.client.LockProcessor;
import dev.mq.server.broker.deadletter.DeadLetterProcessor;
import dev.mq.server.broker.delay.DelayDeliveryService;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.offset.OffsetProcessor;
import dev.mq.server.broker.offset.ResetOffsetProcessor;
import dev.mq.server.broker.pull.Pulls;
import dev.mq.server.broker.query.QueryProcessor;
import dev.mq.server.broker.registration.BrokerRegistrar;
import dev.mq.server.broker.retry.SendBackProcessor;
import dev.mq.server.broker.send.InlineSendProcessor;
import dev.mq.server.broker.send.SendProcessor;
import dev.mq.server.broker.state.BrokerContext;
import dev.mq.server.broker.state.ClientRegistry;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.server.broker.state.QueueLocks;
import dev.mq.server.broker.state.SubscriptionGroups;
import dev.mq.server.broker.state.TopicTable;
import dev.mq.server.broker.stats.BrokerStats;
import dev.mq.server.broker.stats.StatsRecorder;
import dev.mq.server.broker.timer.TimerDeliveryService;
import dev.mq.server.broker.timer.TimerMessages;
import dev.mq.server.broker.transaction.Transactions;
import dev.mq.store.DiskUsageProbe;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The broker: composes the store, the broker state tables, the remoting server and the feature
 * handlers and services, starts them in dependency order and stops them in reverse. The only place
 * where the broker's parts are wired together.
 */
public final class Broker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    private static final Duration OFFSET_PERSIST_INTERVAL = Duration.ofSeconds(5);
    private static final Duration CLIENT_SCAN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration WORKER_CLOSE_GRACE = Duration.ofSeconds(10);
    private static final Duration STATS_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final BrokerSettings settings;
    private final MessageStore store;
    private final BrokerContext context;
    private final RemotingServer server;
    private final RemotingClient client;
    private final BrokerRegistrar registrar;
    private final Pulls pulls;
    private final ClientProcessor clientProcessor;
    private final DelayLevels delayLevels;
    private final DelayDeliveryService delayDelivery;
    private final Transactions transactions;
    private final TimerMessages timerMessages;
    private final TimerDeliveryService timerDelivery;
    private final BrokerStats stats;
    private final PeriodicService statsSampler;
    private final WorkerPool sendWorkers;
    private final WorkerPool workers;
    private final PeriodicService offsetPersistence;
    private final PeriodicService clientExpiry;
    private final int port;
    private volatile long servingSince;
    private volatile boolean serving;

    /**
     * Opens the store (recovering it if needed) and prepares everything; {@link #start()} begins serving.
     *
     * @param storeConfig builds the store configuration for the advertised address
     */
    public Broker(BrokerSettings settings, Function<InetSocketAddress, StoreConfig> storeConfig, Clock clock) {
        this.settings = settings;
        this.port = settings.port() == 0 ? freePort() : settings.port();
        int advertisedPort = settings.advertisedPort() == 0 ? port : settings.advertisedPort();
        InetSocketAddress storeHost = new InetSocketAddress(settings.advertisedHost(), advertisedPort);
        if (storeHost.isUnresolved()) {
            throw new IllegalArgumentException("mq.broker.advertised-address: cannot resolve " + settings.advertisedHost());
        }
        StoreConfig config = storeConfig.apply(storeHost);
        this.store = MessageStore.open(config, clock, DiskUsageProbe.of(config.dataDir()));
        Path configDir = settings.dataDir().resolve("config");
        TopicTable topics = new TopicTable(configDir, clock, settings.autoCreateTopic(), settings.defaultTopicQueueNums());
        this.client = new RemotingClient(RemotingClientConfig.defaults());
        this.registrar = new BrokerRegistrar(new BrokerRegistrar.Identity(settings.brokerName(), settings.cluster(),
                BrokerContext.address(storeHost)), topics, settings.nameServers(), settings.registerInterval(), client,
                clock);
        this.context = new BrokerContext(settings.brokerName(), settings.cluster(), storeHost,
                settings.autoCreateTopic(), store, topics, new ConsumerOffsets(configDir),
                new SubscriptionGroups(configDir), new ClientRegistry(), new QueueLocks(settings.lockExpiry().toMillis()),
                clock, registrar::registerSoon);
        this.server = new RemotingServer(new RemotingServerConfig("0.0.0.0", port, 0, 16 * 1024 * 1024,
                settings.clientExpiry()));
        this.delayLevels = new DelayLevels(settings.delayLevels());
        // the schedule topic holds delayed messages and retries, one queue per delay level
        topics.put(TopicConfig.of(TopicNames.SCHEDULE_TOPIC, delayLevels.count(), Permissions.READ_WRITE));
        this.delayDelivery = new DelayDeliveryService(store, delayLevels, clock, configDir);
        this.timerMessages = new TimerMessages(clock, settings.timerMaxDelay());
        this.transactions = new Transactions(context, settings.transaction(), configDir, timerMessages::route);
        // the timer topic holds exact-time messages until due; their time index lives in timer/
        topics.put(TopicConfig.of(TopicNames.TIMER_TOPIC, 1, Permissions.READ_WRITE));
        this.timerDelivery = new TimerDeliveryService(store, clock, settings.dataDir().resolve("timer"));
        this.sendWorkers = new WorkerPool("mq-broker-send", 2, WORKER_CLOSE_GRACE);
        this.workers = new WorkerPool("mq-broker-work", 4, WORKER_CLOSE_GRACE);
        this.pulls = new Pulls(context, workers);
        this.offsetPersistence = new PeriodicService("mq-broker-offsets", OFFSET_PERSIST_INTERVAL,
                context.offsets()::persist, e -> LOG.log(Level.ERROR, "cannot persist consumer offsets", e));
        this.clientExpiry = new PeriodicService("mq-broker-client-expiry", CLIENT_SCAN_INTERVAL, this::expireClients,
                e -> LOG.log(Level.ERROR, "expiring silent clients failed", e));
        this.stats = new BrokerStats(settings.cluster(), clock);
        this.statsSampler = new PeriodicService("mq-broker-stats", STATS_SAMPLE_INTERVAL, stats::sample,
                e -> LOG.log(Level.ERROR, "sampling the statistics failed", e));
        this.clientProcessor = new ClientProcessor(context);
        registerProcessors();
    }

    private void registerProcessors() {
        RequestProcessor send = new StatsRecorder(new SendProcessor(context, delayLevels, timerMessages), stats);
        RequestProcessor inlineSend = new InlineSendProcessor(send, context.topics(), sendWorkers);
        for (int code : new int[] {RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE}) {
            server.registerProcessor(code, inlineSend, null); // null: on the I/O thread, see InlineSendProcessor
        }
        server.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK, new SendBackProcessor(context, delayLevels),
                sendWorkers);
        server.registerProcessor(RequestCode.END_TRANSACTION, transactions.endTransactionProcessor(), sendWorkers);
        store.addDispatchListener(pulls.arrivals());
        RequestProcessor countedPull = new StatsRecorder(pulls.processor(), stats);
        // null: on the I/O thread; the processor hands what may wait for the disk to the workers
        server.registerProcessor(RequestCode.PULL_MESSAGE, countedPull, null);
        server.registerProcessor(RequestCode.LITE_PULL_MESSAGE, countedPull, null);
        OffsetProcessor offsets = new OffsetProcessor(context);
        for (int code : new int[] {RequestCode.QUERY_CONSUMER_OFFSET, RequestCode.UPDATE_CONSUMER_OFFSET,
                RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
                RequestCode.GET_EARLIEST_MSG_STORETIME, RequestCode.GET_CONSUMER_LIST_BY_GROUP}) {
            server.registerProcessor(code, offsets, workers);
        }
        for (int code : new int[] {RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT, RequestCode.CHECK_CLIENT_CONFIG}) {
            server.registerProcessor(code, clientProcessor, workers);
        }
        QueryProcessor query = new QueryProcessor(context);
        server.registerProcessor(RequestCode.QUERY_MESSAGE, query, workers);
        server.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, query, workers);
        LockProcessor locks = new LockProcessor(context);
        server.registerProcessor(RequestCode.LOCK_BATCH_MQ, locks, workers);
        server.registerProcessor(RequestCode.UNLOCK_BATCH_MQ, locks, workers);
        AdminProcessor admin = new AdminProcessor(context, stats);
        for (int code : AdminProcessor.codes()) {
            server.registerProcessor(code, admin, workers);
        }
        BrokerRuntime runtime = new BrokerRuntime(stats, sendWorkers, workers, delayDelivery::progress,
                () -> servingSince, () -> serving, new BrokerConfig(settings.describe(port), store.config()));
        BrokerInfoProcessor brokerInfo = new BrokerInfoProcessor(context, runtime);
        for (int code : BrokerInfoProcessor.codes()) {
            server.registerProcessor(code, brokerInfo, workers);
        }
        server.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, new ConsumerRunningInfoRelay(context), workers);
        server.registerProcessor(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetProcessor(context), workers);
        DeadLetterProcessor deadLetters = new DeadLetterProcessor(context);
        server.registerProcessor(RequestCode.LIST_DEAD_LETTERS, deadLetters, workers);
        server.registerProcessor(RequestCode.RESEND_DEAD_LETTERS, deadLetters, workers);
        server.addConnectionListener(new ConnectionListener() {
            @Override
            public void onClosed(Connection connection) {
                clientProcessor.notifyChanged(context.clients().connectionClosed(connection));
            }
        });
    }

    /** Starts serving and registers with the name servers. */
    public void start() {
        servingSince = context.clock().millis();
        serving = true;
        server.start();
        pulls.start();
        registrar.start();
        delayDelivery.start();
        transactions.start();
        timerDelivery.start();
        offsetPersistence.start();
        clientExpiry.start();
        statsSampler.start();
        LOG.log(Level.INFO, "broker {0} of cluster {1} listening on port {2}, advertised as {3}",
                settings.brokerName(), settings.cluster(), Integer.toString(port), context.address());
    }

    private void expireClients() {
        Set<Connection> stale = context.clients().expired(context.clock().millis(), settings.clientExpiry().toMillis());
        for (Connection connection : stale) {
            LOG.log(Level.INFO, "closing client connection {0}: no heartbeat for {1}", connection.remoteAddressText(),
                    settings.clientExpiry());
            connection.close();
        }
    }

    /**
     * Creates or updates {@code topic} with {@code queues} read and write queues, and registers it
     * with the name servers before returning, so clients find its route at once (for tools and
     * tests; clients create topics with UPDATE_AND_CREATE_TOPIC).
     *
     * @throws IllegalArgumentException if the name cannot be sent to or {@code queues} is not 1..1024
     */
    public void createTopic(String topic, int queues) {
        Validation name = TopicNames.checkSendable(topic);
        if (!name.isValid()) {
            throw new IllegalArgumentException(name.problem());
        }
        if (queues < 1 || queues > 1024) {
            throw new IllegalArgumentException("a topic needs 1..1024 queues but " + topic + " was given " + queues);
        }
        context.topics().put(TopicConfig.of(topic, queues, Permissions.READ_WRITE));
        registrar.registerNow();
    }

    /** The port the broker listens on. */
    public int port() {
        return port;
    }

    /** {@code host:port} as published in routes. */
    public String address() {
        return context.address();
    }

    public MessageStore store() {
        return store;
    }

    /** The registrations with the name servers, for tests and tools that count them. */
    public BrokerRegistrar registrar() {
        return registrar;
    }

    /** Messages in and out per topic. */
    public BrokerStats stats() {
        return stats;
    }

    /**
     * Messages not yet consumed, per {@code group} and {@code topic}: the sum over the topic's
     * queues of (queue max offset - committed offset), never negative. Only groups that committed
     * an offset appear.
     */
    public Map<Map.Entry<String, String>, Long> backlog() {
        Map<Map.Entry<String, String>, Long> backlog = new LinkedHashMap<>();
        context.offsets().snapshot().forEach((key, queues) -> {
            int at = key.lastIndexOf('@');
            String topic = key.substring(0, at);
            String group = key.substring(at + 1);
            long behind = 0;
            for (Map.Entry<Integer, Long> queue : queues.entrySet()) {
                behind += Math.max(0, store.maxOffset(topic, queue.getKey()) - queue.getValue());
            }
            backlog.put(Map.entry(group, topic), behind);
        });
        return backlog;
    }

    /**
     * Graceful stop: unregister from the name servers, stop accepting requests, answer parked
     * pulls, finish in-flight appends, flush and checkpoint the store, persist offsets.
     */
    @Override
    public void close() {
        serving = false;
        statsSampler.close();
        offsetPersistence.close();
        clientExpiry.close();
        registrar.close();
        // answer parked pulls while the connections can still carry the answers
        pulls.close();
        server.close();
        sendWorkers.close();
        workers.close();
        delayDelivery.close();
        transactions.close();
        timerDelivery.close();
        store.close();
        context.offsets().persist();
        context.topics().close();
        context.groups().close();
        client.close();
        LOG.log(Level.INFO, "broker {0} stopped", settings.brokerName());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
