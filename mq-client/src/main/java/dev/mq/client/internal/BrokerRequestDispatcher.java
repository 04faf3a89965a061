package dev.mq.client.internal;

import dev.mq.message.PropertyNames;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.ResponseCode;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Hands requests that brokers send to this client to the producer or consumer of the group they are
 * about: CHECK_TRANSACTION_STATE (group: the PGROUP property of the body's message),
 * NOTIFY_CONSUMER_IDS_CHANGED, GET_CONSUMER_RUNNING_INFO, CONSUME_MESSAGE_DIRECTLY (header
 * {@code consumerGroup}), RESET_CONSUMER_CLIENT_OFFSET and GET_CONSUMER_STATUS_FROM_CLIENT (header
 * {@code group}). Handlers run on the client's callback threads, never on a network I/O thread.
 *
 * <p>A request for a group nobody registered is dropped (oneway) or answered with SYSTEM_ERROR.
 * Thread-safe.
 */
public final class BrokerRequestDispatcher {

    private static final System.Logger LOG = System.getLogger(BrokerRequestDispatcher.class.getName());
    private static final byte[] PRODUCER_GROUP = PropertyNames.PRODUCER_GROUP.getBytes(StandardCharsets.UTF_8);

    /** How to find the group of a request, by request code. */
    private static final Map<Integer, Function<RemotingCommand, String>> GROUP_OF = Map.of(
            RequestCode.CHECK_TRANSACTION_STATE, BrokerRequestDispatcher::producerGroupOfBody,
            RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, request -> request.ext("consumerGroup"),
            RequestCode.GET_CONSUMER_RUNNING_INFO, request -> request.ext("consumerGroup"),
            RequestCode.CONSUME_MESSAGE_DIRECTLY, request -> request.ext("consumerGroup"),
            RequestCode.RESET_CONSUMER_CLIENT_OFFSET, request -> request.ext("group"),
            RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, request -> request.ext("group"));

    private record Key(int code, String group) {
    }

    private final ConcurrentMap<Key, RequestProcessor> handlers = new ConcurrentHashMap<>();

    /** The request codes this dispatcher takes from the transport. */
    static Iterable<Integer> codes() {
        return GROUP_OF.keySet();
    }

    /**
     * Registers the handler of requests with {@code code} about {@code group}. The handler answers
     * like any {@link RequestProcessor}: a response for two-way requests, {@code null} for oneway ones.
     *
     * @throws IllegalArgumentException for a code this dispatcher does not route, or a group that
     *                                  already has a handler for it
     */
    public Registration register(int code, String group, RequestProcessor handler) {
        if (!GROUP_OF.containsKey(code)) {
            throw new IllegalArgumentException("request code " + Codes.request(code)
                    + " is not routed to groups; routed codes: " + GROUP_OF.keySet());
        }
        Key key = new Key(code, group);
        if (handlers.putIfAbsent(key, handler) != null) {
            throw new IllegalArgumentException("group " + group + " already handles request code " + Codes.request(code));
        }
        return () -> handlers.remove(key, handler);
    }

    /** The transport's processor for every routed code (runs on a callback thread). */
    CompletableFuture<RemotingCommand> dispatch(Connection connection, RemotingCommand request) throws Exception {
        String group = GROUP_OF.get(request.code()).apply(request);
        RequestProcessor handler = group == null ? null : handlers.get(new Key(request.code(), group));
        if (handler != null) {
            return handler.process(connection, request);
        }
        String problem = "no producer or consumer of group " + group + " in this client handles request code "
                + Codes.request(request.code());
        if (request.isOneway()) {
            LOG.log(Level.WARNING, "{0} from {1}; dropped", problem, connection.remoteAddressText());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, problem));
    }

    /** PGROUP of the stored message a check-back carries, or null. */
    private static String producerGroupOfBody(RemotingCommand request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return null;
        }
        ByteBuffer record = ByteBuffer.wrap(body);
        RecordView view = new RecordView();
        if (view.check(record, 0, body.length, false) != RecordView.Check.VALID) {
            return null;
        }
        return view.wrap(record, 0).property(PRODUCER_GROUP);
    }
}
