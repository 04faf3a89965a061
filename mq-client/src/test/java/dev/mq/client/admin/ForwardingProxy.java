package dev.mq.client.admin;

import dev.mq.protocol.Connection;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingServer;
import dev.mq.protocol.RemotingServerConfig;
import dev.mq.protocol.ResponseCode;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker or name server as an older or misbehaving server would answer: a {@link RemotingServer}
 * that forwards every request to a real one of ours and passes its answer back, except for the
 * request codes told to answer otherwise (REQUEST_CODE_NOT_SUPPORTED, as a server without the request
 * does, or any other code). It counts the requests it receives per code, so that tests can tell which
 * requests the admin sent. Requests the real server sends back to clients are not relayed.
 */
final class ForwardingProxy implements AutoCloseable {

    private static final long FORWARD_TIMEOUT_MILLIS = 5_000;

    private final RemotingServer server;
    private final RemotingClient client = new RemotingClient(RemotingClientConfig.defaults());
    private final Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
    private volatile String target;

    private ForwardingProxy() {
        RemotingServerConfig defaults = RemotingServerConfig.of(0);
        server = new RemotingServer(new RemotingServerConfig("127.0.0.1", 0, 1, defaults.maxFrameLength(),
                defaults.idleTimeout()));
        server.setDefaultProcessor(this::process, null);
    }

    /** A proxy on a free loopback port; it forwards once {@link #forwardTo} names the real server. */
    static ForwardingProxy start() {
        ForwardingProxy proxy = new ForwardingProxy();
        proxy.server.start();
        return proxy;
    }

    /** {@code 127.0.0.1:port} of the proxy. */
    String address() {
        return "127.0.0.1:" + server.port();
    }

    /** Where requests go from now on. */
    void forwardTo(String address) {
        target = address;
    }

    /** Answers {@code requestCode} with {@code responseCode} instead of forwarding it. */
    void answer(int requestCode, int responseCode) {
        answers.put(requestCode, responseCode);
    }

    /** Answers each code with REQUEST_CODE_NOT_SUPPORTED, as a server that does not know it. */
    void refuse(int... requestCodes) {
        for (int code : requestCodes) {
            answer(code, ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        }
    }

    /** Forwards every request again and forgets the counts. */
    void reset() {
        answers.clear();
        received.clear();
    }

    /** Forgets the counts only. */
    void resetCounts() {
        received.clear();
    }

    /** How many requests with this code arrived since the last reset. */
    int received(int requestCode) {
        AtomicInteger count = received.get(requestCode);
        return count == null ? 0 : count.get();
    }

    private CompletableFuture<RemotingCommand> process(Connection connection, RemotingCommand request) throws Exception {
        received.computeIfAbsent(request.code(), code -> new AtomicInteger()).incrementAndGet();
        Integer answer = answers.get(request.code());
        if (answer != null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, answer,
                    answer == ResponseCode.REQUEST_CODE_NOT_SUPPORTED
                            ? "request type " + request.code() + " not supported" : "refused by the test's proxy"));
        }
        String to = target;
        if (to == null) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "the test's proxy does not forward yet"));
        }
        RemotingCommand forwarded = RemotingCommand.request(request.code());
        forwarded.setLanguage(request.language()).setVersion(request.version());
        request.extFields().forEach(forwarded::putExt);
        forwarded.setBody(request.body());
        if (request.isOneway()) {
            client.invokeOneway(to, forwarded.markOneway());
            return CompletableFuture.completedFuture(null);
        }
        return client.invokeAsync(to, forwarded, FORWARD_TIMEOUT_MILLIS).thenApply(reply -> {
            RemotingCommand response = RemotingCommand.responseTo(request, reply.code(), reply.remark());
            reply.extFields().forEach(response::putExt);
            response.setBody(reply.body());
            return response;
        });
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
