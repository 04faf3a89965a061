package dev.mq.bench.ceiling;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A name server and a "broker" that answer a producer at once, on the I/O thread, and store
 * nothing: every topic has a route to this process, every send is acknowledged as SEND_OK.
 * Running the load tool against it measures what the load generator and the machine can do
 * with a broker that costs (almost) nothing, the ceiling any real broker's figure is bounded by.
 * Only what a producer needs is answered (routes, heartbeats, sends); anything else, such as a
 * pull, gets REQUEST_CODE_NOT_SUPPORTED.
 */
public final class NullBroker implements AutoCloseable {

    /** Queues in every route (the number our broker gives an auto-created topic). */
    static final int QUEUES = 8;
    private static final String BROKER_NAME = "null-broker";

    private final RemotingServer namesrv;
    private final RemotingServer broker;
    private final AtomicLong nextOffset = new AtomicLong();
    private volatile String brokerAddress;

    /** Ports 0 pick free ones; see {@link #namesrvPort()} and {@link #brokerPort()}. */
    public NullBroker(String host, int namesrvPort, int brokerPort) {
        // the broker side with an I/O thread per processor, as our server's broker
        this.namesrv = new RemotingServer(new RemotingServerConfig(host, namesrvPort, 1,
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH, RemotingServerConfig.DEFAULT_IDLE_TIMEOUT));
        this.broker = new RemotingServer(new RemotingServerConfig(host, brokerPort, 0,
                RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH, RemotingServerConfig.DEFAULT_IDLE_TIMEOUT));
        namesrv.setDefaultProcessor(this::answerNamesrv, Runnable::run);
        broker.setDefaultProcessor(this::answerBroker, Runnable::run);
    }

    /** Opens both ports. */
    public NullBroker start(String advertisedHost) {
        broker.start();
        brokerAddress = advertisedHost + ":" + broker.port();
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

    private CompletableFuture<RemotingCommand> answerNamesrv(Channel channel, RemotingCommand request) {
        if (request.code() != RequestCode.GET_ROUTEINFO_BY_TOPIC) {
            return notSupported(request);
        }
        TopicRouteData route = new TopicRouteData(null,
                List.of(new QueueData(BROKER_NAME, QUEUES, QUEUES, Permissions.READ_WRITE, 0)),
                List.of(new BrokerData("NullCluster", BROKER_NAME, Map.of(0L, brokerAddress))),
                Map.of());
        return CompletableFuture.completedFuture(
                RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).setBody(RemotingJson.encode(route)));
    }

    private CompletableFuture<RemotingCommand> answerBroker(Channel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE ->
                    CompletableFuture.completedFuture(sendOk(request));
            case RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT ->
                    CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
            default -> notSupported(request);
        };
    }

    private RemotingCommand sendOk(RemotingCommand request) {
        // SEND_MESSAGE_V2 names its header fields a..n; e is the queue id
        String queueId = request.ext(request.code() == RequestCode.SEND_MESSAGE ? "queueId" : "e");
        long offset = nextOffset.getAndIncrement();
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                .putExt("msgId", offsetMessageId(offset))
                .putExt("queueId", queueId == null ? "0" : queueId)
                .putExt("queueOffset", offset);
    }

    /** The 16-byte offset message id (IPv4 127.0.0.1, port, offset) as 32 hex digits. */
    private String offsetMessageId(long offset) {
        return String.format("7F000001%08X%016X", broker.port(), offset);
    }

    private static CompletableFuture<RemotingCommand> notSupported(RemotingCommand request) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request,
                ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                "the null broker answers routes, heartbeats and sends only, not request code " + request.code()));
    }

    @Override
    public void close() {
        namesrv.close();
        broker.close();
    }
}
