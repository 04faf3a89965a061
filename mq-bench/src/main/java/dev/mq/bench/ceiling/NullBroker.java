package dev.mq.bench.ceiling;

import dev.mq.message.MessageIds;
import dev.mq.protocol.Connection;
import dev.mq.protocol.ConnectionListener;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.ConsumerIdList;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import dev.mq.protocol.header.GetMaxOffsetHeader;
import dev.mq.protocol.header.OffsetResponseHeader;
import dev.mq.protocol.header.PullMessageHeader;
import dev.mq.protocol.header.PullMessageResponseHeader;
import dev.mq.protocol.header.QueryConsumerOffsetHeader;
import dev.mq.protocol.header.SearchOffsetHeader;
import dev.mq.protocol.header.SendMessageHeader;
import dev.mq.protocol.header.SendMessageResponseHeader;
import dev.mq.protocol.header.UnregisterClientHeader;
import dev.mq.protocol.header.UpdateConsumerOffsetHeader;

import io.netty.buffer.ByteBufAllocator;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A name server and a "broker" that answer at once, on the I/O thread, and store nothing: every
 * topic has a route to this process, every send is acknowledged as SEND_OK, and every queue of an
 * ordinary topic holds a virtual backlog ({@link VirtualBacklog}) that pulls drain without the
 * broker ever having stored a message. Running the load tool against it measures what the load
 * generator and the machine can do with a broker that costs (almost) nothing, the ceiling any
 * real broker's figure is bounded by: sync sends for a producer, a drain for a push consumer.
 *
 * <p>Answered: routes (name server); sends; heartbeats and the consumer ids of a group (from the
 * client ids in the heartbeats, with NOTIFY_CONSUMER_IDS_CHANGED to the members when a group
 * changes); pulls; consumer offsets (kept in memory; a group without one starts at 0, as on a young
 * queue of a real broker); max, min and by-time offsets; send-backs (acknowledged, dropped);
 * client-config checks and unregistrations. Anything else gets REQUEST_CODE_NOT_SUPPORTED, and is
 * counted ({@link #unsupportedRequests()}).
 */
public final class NullBroker implements AutoCloseable {

    /** Queues in every route (the number our broker gives an auto-created topic). */
    static final int QUEUES = 8;
    /** Queues of a retry topic, as a real broker creates it. */
    static final int RETRY_QUEUES = 1;
    /** Default body size of the virtual messages. */
    public static final int DEFAULT_BODY_SIZE = 1024;
    /** Default number of virtual messages in every queue. */
    public static final long DEFAULT_BACKLOG = 100_000_000L;
    /** Bytes one pull returns at most (beyond its first message), as a real broker's default. */
    static final int MAX_PULL_BYTES = 256 * 1024;
    /** Longest a pull at the end of a queue is held before PULL_NOT_FOUND, below the client's 30 s timeout. */
    static final long MAX_HOLD_MILLIS = 15_000;

    private static final String BROKER_NAME = "null-broker";

    private final RemotingServer namesrv;
    private final RemotingServer broker;
    private final int bodySize;
    private final long backlog;
    private final AtomicLong nextOffset = new AtomicLong();
    private final LongAdder pulledMessages = new LongAdder();
    private final Map<OffsetKey, Long> consumerOffsets = new ConcurrentHashMap<>();
    /** Consumer group → client id → the connection its last heartbeat came on. */
    private final Map<String, Map<String, Connection>> groups = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> unsupported = new ConcurrentHashMap<>();
    private volatile Consumer<String> log = line -> { };
    private volatile String brokerAddress;
    private volatile VirtualBacklog messages;
    /** Answers pulls held at the end of a queue when their hold time is up. */
    private final ScheduledExecutorService holds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "null-broker-pull-holds");
        thread.setDaemon(true);
        return thread;
    });

    private record OffsetKey(String group, String topic, int queueId) {
    }

    /** Ports 0 pick free ones; see {@link #namesrvPort()} and {@link #brokerPort()}. 1 KiB bodies, default backlog. */
    public NullBroker(String host, int namesrvPort, int brokerPort) {
        this(host, namesrvPort, brokerPort, DEFAULT_BODY_SIZE, DEFAULT_BACKLOG);
    }

    /**
     * @param bodySize bytes of the body of every message pulled
     * @param backlog  messages in every queue of an ordinary topic
     */
    public NullBroker(String host, int namesrvPort, int brokerPort, int bodySize, long backlog) {
        if (bodySize < 1 || backlog < 1 || backlog > maxBacklog(bodySize)) {
            throw new IllegalArgumentException("the body size must be at least 1 and the backlog 1.." + maxBacklog(bodySize)
                    + ", got " + bodySize + " and " + backlog);
        }
        this.bodySize = bodySize;
        this.backlog = backlog;
        // the broker side with an I/O thread per processor, as our server's broker
        this.namesrv = new RemotingServer(new RemotingServerConfig(host, namesrvPort, 1,
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH, RemotingServerConfig.DEFAULT_IDLE_TIMEOUT));
        this.broker = new RemotingServer(new RemotingServerConfig(host, brokerPort, 0,
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH, RemotingServerConfig.DEFAULT_IDLE_TIMEOUT));
        namesrv.setDefaultProcessor(this::answerNamesrv, Runnable::run);
        broker.setDefaultProcessor(this::answerBroker, Runnable::run);
        broker.addConnectionListener(new ConnectionListener() {
            @Override
            public void onClosed(Connection connection) {
                forget(connection);
            }
        });
    }

    /** The largest backlog per queue for bodies of {@code bodySize} bytes (commit-log offsets must fit a long). */
    public static long maxBacklog(int bodySize) {
        return VirtualBacklog.maxBacklog(Math.max(1, bodySize), QUEUES);
    }

    /** Where the first request of each code that is not answered is reported (default: nowhere). */
    public NullBroker logTo(Consumer<String> log) {
        this.log = log;
        return this;
    }

    /** Opens both ports. */
    public NullBroker start(String advertisedHost) {
        broker.start();
        brokerAddress = advertisedHost + ":" + broker.port();
        messages = new VirtualBacklog(bodySize, backlog, new InetSocketAddress(advertisedHost, broker.port()), QUEUES);
        namesrv.start();
        return this;
    }

    public int namesrvPort() {
        return namesrv.port();
    }

    public int brokerPort() {
        return broker.port();
    }

    /** Sends acknowledged so far. */
    public long sends() {
        return nextOffset.get();
    }

    /** Messages returned by pulls so far. */
    public long pulledMessages() {
        return pulledMessages.sum();
    }

    /** How often each request code was answered with REQUEST_CODE_NOT_SUPPORTED. */
    public Map<Integer, Long> unsupportedRequests() {
        Map<Integer, Long> counts = new TreeMap<>();
        unsupported.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    // ---- name server ----

    private CompletableFuture<RemotingCommand> answerNamesrv(Connection connection, RemotingCommand request) {
        if (request.code() != RequestCode.GET_ROUTEINFO_BY_TOPIC) {
            return notSupported(request, "routes");
        }
        String topic = request.requireExt("topic");
        int queues = topic.startsWith(VirtualBacklog.RETRY_PREFIX) ? RETRY_QUEUES : QUEUES;
        TopicRouteData route = new TopicRouteData(null,
                List.of(new QueueData(BROKER_NAME, queues, queues, Permissions.READ_WRITE, 0)),
                List.of(new BrokerData("NullCluster", BROKER_NAME, Map.of(0L, brokerAddress))),
                Map.of());
        return done(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).setBody(RemotingJson.encode(route)));
    }

    // ---- broker ----

    private CompletableFuture<RemotingCommand> answerBroker(Connection connection, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE ->
                    done(sendOk(request));
            case RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE -> pull(connection, request);
            case RequestCode.HEART_BEAT -> {
                heartbeat(connection, request);
                yield success(request);
            }
            case RequestCode.UNREGISTER_CLIENT -> {
                UnregisterClientHeader header = UnregisterClientHeader.read(request);
                if (header.consumerGroup() != null && header.clientId() != null) {
                    leave(header.consumerGroup(), header.clientId());
                }
                yield success(request);
            }
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> done(consumerList(request));
            case RequestCode.QUERY_CONSUMER_OFFSET -> done(queryOffset(request));
            case RequestCode.UPDATE_CONSUMER_OFFSET -> {
                UpdateConsumerOffsetHeader header = UpdateConsumerOffsetHeader.read(request);
                consumerOffsets.put(new OffsetKey(header.consumerGroup(), header.topic(), header.queueId()),
                        header.commitOffset());
                yield success(request);
            }
            case RequestCode.GET_MAX_OFFSET -> done(offset(request, messages.maxOffset(GetMaxOffsetHeader.read(request).topic())));
            case RequestCode.GET_MIN_OFFSET -> done(offset(request, 0));
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> {
                SearchOffsetHeader header = SearchOffsetHeader.read(request);
                yield done(offset(request, header.timestamp() <= messages.storeTimestamp() ? 0
                        : messages.maxOffset(header.topic())));
            }
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> {
                RemotingCommand earliest = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
                new GetEarliestMsgStoretimeResponseHeader(messages.storeTimestamp()).writeTo(earliest);
                yield done(earliest);
            }
            // a message the listener gave back is dropped: the backlog has no retry topic to put it in
            case RequestCode.CONSUMER_SEND_MSG_BACK, RequestCode.CHECK_CLIENT_CONFIG -> success(request);
            default -> notSupported(request, "routes, sends, heartbeats, pulls, offsets and send-backs");
        };
    }

    private RemotingCommand sendOk(RemotingCommand request) {
        Integer queueId = SendMessageHeader.queueIdOf(request);
        long offset = nextOffset.getAndIncrement();
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        new SendMessageResponseHeader(offsetMessageId(offset), queueId == null ? 0 : queueId, offset, null, null, null,
                null, null).writeTo(response);
        return response;
    }

    /** The offset message id of a send (host 127.0.0.1, this broker's port, the assigned offset). */
    private String offsetMessageId(long offset) {
        return MessageIds.offsetMessageId(new InetSocketAddress("127.0.0.1", broker.port()), offset);
    }

    /**
     * Up to maxMsgNums messages from the requested offset (fewer at the end of the backlog or past
     * {@link #MAX_PULL_BYTES}); at the end of a queue the pull is held as a real broker's long poll
     * would be (no message ever arrives), then answered PULL_NOT_FOUND.
     */
    private CompletableFuture<RemotingCommand> pull(Connection connection, RemotingCommand request) {
        PullMessageHeader header = PullMessageHeader.read(request);
        String topic = header.topic();
        int queueId = header.queueId();
        long offset = header.queueOffset();
        int queues = topic.startsWith(VirtualBacklog.RETRY_PREFIX) ? RETRY_QUEUES : QUEUES;
        if (queueId < 0 || queueId >= queues) {
            return done(RemotingCommand.responseTo(request, ResponseCode.INVALID_PARAMETER,
                    "queueId[" + queueId + "] is illegal, topic " + topic + " has " + queues + " read queues"));
        }
        Long commitOffset = header.commitOffset();
        if (header.has(PullMessageHeader.FLAG_COMMIT_OFFSET) && commitOffset != null && commitOffset >= 0) {
            consumerOffsets.put(new OffsetKey(header.consumerGroup(), topic, queueId), commitOffset);
        }
        long max = messages.maxOffset(topic);
        if (offset < 0 || offset > max) {
            return done(pullResponse(request, ResponseCode.PULL_OFFSET_MOVED, offset < 0 ? 0 : max, max));
        }
        if (offset == max) {
            RemotingCommand notFound = pullResponse(request, ResponseCode.PULL_NOT_FOUND, offset, max);
            Long suspend = header.suspendTimeoutMillis();
            if (!header.has(PullMessageHeader.FLAG_SUSPEND) || suspend == null || suspend <= 0) {
                return done(notFound);
            }
            CompletableFuture<RemotingCommand> held = new CompletableFuture<>();
            holds.schedule(() -> held.complete(notFound), Math.min(suspend, MAX_HOLD_MILLIS), TimeUnit.MILLISECONDS);
            return held;
        }
        Integer maxBytes = header.maxMsgBytes();
        int byteLimit = maxBytes == null || maxBytes <= 0 ? MAX_PULL_BYTES : Math.min(maxBytes, MAX_PULL_BYTES);
        int byBytes = Math.max(1, byteLimit / messages.recordLength(topic, queueId));
        int count = (int) Math.min(Math.min(header.maxMsgNums(), byBytes), max - offset);
        RemotingCommand found = pullResponse(request, ResponseCode.SUCCESS, offset + count, max);
        found.setBodyBuffer(messages.records(ByteBufAllocator.DEFAULT, topic, queueId, offset, count));
        pulledMessages.add(count);
        return done(found);
    }

    private static RemotingCommand pullResponse(RemotingCommand request, int code, long nextBeginOffset, long maxOffset) {
        RemotingCommand response = RemotingCommand.responseTo(request, code, null);
        PullMessageResponseHeader.of(0, nextBeginOffset, 0, maxOffset).writeTo(response);
        return response;
    }

    /** Records the client id of each consumer group in the heartbeat; tells the members when a group changed. */
    private void heartbeat(Connection connection, RemotingCommand request) {
        HeartbeatData heartbeat = RemotingJson.decode(request.body(), HeartbeatData.class);
        String clientId = heartbeat.clientId();
        if (clientId == null) {
            return;
        }
        for (HeartbeatData.ConsumerData consumer : heartbeat.consumerDataSet()) {
            Map<String, Connection> members = groups.computeIfAbsent(consumer.groupName(), g -> new ConcurrentHashMap<>());
            if (members.put(clientId, connection) == null) {
                notifyMembers(consumer.groupName());
            }
        }
    }

    private void leave(String group, String clientId) {
        Map<String, Connection> members = groups.get(group);
        if (members != null && members.remove(clientId) != null) {
            notifyMembers(group);
        }
    }

    /** A closed connection takes the consumers that heartbeated on it out of their groups. */
    private void forget(Connection connection) {
        groups.forEach((group, members) -> {
            if (members.values().removeIf(c -> c == connection)) {
                notifyMembers(group);
            }
        });
    }

    /** NOTIFY_CONSUMER_IDS_CHANGED (oneway) to every member of the group, so that they rebalance now. */
    private void notifyMembers(String group) {
        Map<String, Connection> members = groups.get(group);
        if (members == null) {
            return;
        }
        for (Connection member : Set.copyOf(members.values())) {
            if (member.isActive()) {
                RemotingCommand notify = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
                new ConsumerGroupHeader(group).writeTo(notify);
                notify.markOneway();
                member.invokeOneway(notify);
            }
        }
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String group = ConsumerGroupHeader.read(request).consumerGroup();
        Map<String, Connection> members = groups.get(group);
        List<String> ids = members == null ? List.of() : new ArrayList<>(members.keySet());
        if (ids.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                .setBody(RemotingJson.encode(new ConsumerIdList(ids)));
    }

    /**
     * The committed offset, or 0 for a group without one (a real broker's answer on a young queue
     * whose first message is still in memory), unless the client asks not to be given 0.
     */
    private RemotingCommand queryOffset(RemotingCommand request) {
        QueryConsumerOffsetHeader header = QueryConsumerOffsetHeader.read(request);
        String group = header.consumerGroup();
        String topic = header.topic();
        int queueId = header.queueId();
        Long committed = consumerOffsets.get(new OffsetKey(group, topic, queueId));
        if (committed != null) {
            return offset(request, committed);
        }
        if (Boolean.FALSE.equals(header.setZeroIfNotFound())) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "the consumer group " + group + " has no offset for " + topic + " queue " + queueId);
        }
        return offset(request, 0);
    }

    private static RemotingCommand offset(RemotingCommand request, long offset) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        new OffsetResponseHeader(offset).writeTo(response);
        return response;
    }

    private static CompletableFuture<RemotingCommand> success(RemotingCommand request) {
        return done(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<RemotingCommand> notSupported(RemotingCommand request, String answered) {
        LongAdder count = unsupported.computeIfAbsent(request.code(), code -> {
            log.accept("null-broker: request code " + code + " is not supported (answered REQUEST_CODE_NOT_SUPPORTED)");
            return new LongAdder();
        });
        count.increment();
        return done(RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                "the null broker answers " + answered + " only, not request code " + request.code()));
    }

    @Override
    public void close() {
        namesrv.close();
        broker.close();
        holds.shutdownNow();
    }
}
