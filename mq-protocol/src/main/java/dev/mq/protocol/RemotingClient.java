package dev.mq.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A remoting protocol client: one connection per {@code host:port} address, opened on first use and
 * reopened on the next call after it closed, carrying any number of concurrent requests correlated
 * by opaque. Requests the server sends over the same connection (e.g.
 * {@link RequestCode#NOTIFY_CONSUMER_IDS_CHANGED}) go to the processors registered here.
 *
 * <p>Failures to get a response are {@link RemotingException}s whose {@link RemotingException#kind()}
 * says why: CONNECT_FAILED (also for an unusable address), SEND_FAILED, TIMEOUT (the timeout covers
 * connecting too), CONNECTION_CLOSED (the connection or this client closed first) or INTERRUPTED.
 * A response with an error code is a normal response.
 *
 * <p>Thread-safe. The blocking methods ({@link #invokeSync}, {@link #invokeOneway} while connecting)
 * must not be called on an I/O thread, e.g. inside a processor that runs without an executor.
 */
public final class RemotingClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemotingClient.class.getName());

    private final RemotingClientConfig config;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final PendingRequests pending = new PendingRequests();
    private final Map<String, ChannelFuture> connections = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private volatile boolean closed;

    /** Creates a client and its I/O threads; connections are opened on demand. */
    public RemotingClient(RemotingClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.group = EventLoops.create(config.ioThreads(), "mq-client-io", true);
        CommandHandler commandHandler = new CommandHandler(dispatcher, pending);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelConnection.attach(channel, pending);
                        IntPredicate retainsResponseBody = opaque -> pending.retainsBody(channel, opaque);
                        channel.pipeline()
                                // requests of many caller threads queued on the I/O thread go out in one write
                                .addLast("flushConsolidation", new FlushConsolidationHandler(
                                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true))
                                .addLast("frameDecoder", new FrameDecoder(config.maxFrameLength(),
                                        retainsResponseBody))
                                .addLast("frameEncoder", FrameEncoder.INSTANCE)
                                .addLast("commands", commandHandler);
                    }
                });
    }

    /** The client's settings. */
    public RemotingClientConfig config() {
        return config;
    }

    /**
     * Registers the processor for requests with this code sent by servers over this client's
     * connections.
     *
     * @param executor where the processor runs; {@code null} runs it on the I/O thread
     */
    public void registerProcessor(int requestCode, RequestProcessor processor, Executor executor) {
        dispatcher.register(requestCode, processor, executor);
    }

    /**
     * Sends a request and waits for its response.
     *
     * @param addr          {@code host:port}
     * @param timeoutMillis longest to wait, including connecting
     * @throws RemotingException if no response arrives (see the class description for the kinds)
     */
    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
            throws RemotingException {
        CompletableFuture<RemotingCommand> response = invokeAsync(addr, request, timeoutMillis);
        try {
            return response.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.cancel(false);
            throw new RemotingException(RemotingException.Kind.INTERRUPTED,
                    "interrupted while waiting for the response to request code " + request.code() + " from " + addr, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemotingException failure) {
                // a new instance so that the stack trace shows the caller
                throw new RemotingException(failure.kind(), failure.getMessage(), failure);
            }
            throw new RemotingException(RemotingException.Kind.SEND_FAILED,
                    "request code " + request.code() + " to " + addr + " failed: " + cause, cause);
        }
    }

    /**
     * Sends a request and returns the future of its response; never blocks.
     *
     * @param addr          {@code host:port}
     * @param timeoutMillis longest to wait, including connecting
     * @return a future that fails with a {@link RemotingException} if no response arrives in time
     * @throws IllegalArgumentException if {@code request} is a response or oneway
     */
    public CompletableFuture<RemotingCommand> invokeAsync(String addr, RemotingCommand request, long timeoutMillis) {
        return invokeAsync(addr, request, timeoutMillis, false);
    }

    /**
     * Sends a request as {@link #invokeAsync(String, RemotingCommand, long)} does, but the response's
     * body, if it has one, is not copied out of the received frame: the response carries it as a
     * retained {@linkplain RemotingCommand#bodyBuffer() body buffer} (read it with
     * {@link RemotingCommand#bodyView()}), and whoever completes the future's chain with it must
     * release it ({@link RemotingCommand#releaseBodyBuffer()}), on every path, or the frame's memory
     * is never returned. For large bodies that are read once (pulled messages).
     */
    public CompletableFuture<RemotingCommand> invokeAsyncRetainingBody(String addr, RemotingCommand request,
                                                                       long timeoutMillis) {
        return invokeAsync(addr, request, timeoutMillis, true);
    }

    private CompletableFuture<RemotingCommand> invokeAsync(String addr, RemotingCommand request, long timeoutMillis,
                                                           boolean retainsBody) {
        if (request.isResponse() || request.isOneway()) {
            request.releaseBodyBuffer();
            throw new IllegalArgumentException("invokeAsync needs a two-way request: " + request);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ChannelFuture connection;
        try {
            connection = connection(addr);
        } catch (RemotingException e) {
            request.releaseBodyBuffer();
            return CompletableFuture.failedFuture(e);
        }
        if (connection.isDone() && connection.isSuccess()) {
            return pending.send(connection.channel(), request, timeoutMillis, retainsBody);
        }
        return sendWhenConnected(addr, connection, request, deadline, timeoutMillis, retainsBody);
    }

    private CompletableFuture<RemotingCommand> sendWhenConnected(String addr, ChannelFuture connection,
                                                                 RemotingCommand request, long deadline,
                                                                 long timeoutMillis, boolean retainsBody) {
        CompletableFuture<RemotingCommand> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;
        try {
            timeout = group.schedule(() -> result.completeExceptionally(new RemotingException(
                    RemotingException.Kind.TIMEOUT, "no connection to " + addr + " for request code "
                    + request.code() + " within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            request.releaseBodyBuffer();
            return CompletableFuture.failedFuture(closedException());
        }
        result.whenComplete((response, error) -> timeout.cancel(false));
        connection.addListener(connected -> {
            // from here on only the request's own timeout runs, so that a timed-out request is
            // always forgotten before its caller sees the timeout; if the connection timeout fired
            // first, it completes the result and nothing is sent
            if (!timeout.cancel(false)) {
                request.releaseBodyBuffer();
                return;
            }
            if (!connected.isSuccess()) {
                request.releaseBodyBuffer();
                result.completeExceptionally(connectFailed(addr, connected.cause()));
                return;
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            pending.send(connection.channel(), request, remainingMillis, retainsBody).whenComplete((response, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (!result.complete(response)) {
                    response.releaseBodyBuffer(); // the caller cancelled the result meanwhile
                }
            });
        });
        return result;
    }

    /**
     * Sends a oneway request (flag set here); nothing comes back. Blocks at most the connect timeout
     * while a connection is being opened; a failure to write is logged.
     *
     * @throws RemotingException of kind CONNECT_FAILED if no connection can be opened
     */
    public void invokeOneway(String addr, RemotingCommand request) throws RemotingException {
        ChannelFuture connection;
        try {
            connection = connection(addr);
            connection.awaitUninterruptibly();
        } catch (RemotingException e) {
            request.releaseBodyBuffer();
            throw e;
        }
        if (!connection.isSuccess()) {
            request.releaseBodyBuffer();
            throw connectFailed(addr, connection.cause());
        }
        pending.sendOneway(connection.channel(), request);
    }

    /** The connection (possibly still being opened) for {@code addr}; a closed one is replaced. */
    private ChannelFuture connection(String addr) {
        if (closed) {
            throw closedException();
        }
        InetSocketAddress remote = parseAddress(addr);
        return connections.compute(addr, (key, existing) -> {
            if (existing != null && (!existing.isDone() || existing.channel().isActive())) {
                return existing;
            }
            LOG.log(Level.DEBUG, "connecting to {0}", addr);
            return bootstrap.connect(remote);
        });
    }

    private static InetSocketAddress parseAddress(String addr) {
        Objects.requireNonNull(addr, "addr");
        int colon = addr.lastIndexOf(':');
        if (colon <= 0 || colon == addr.length() - 1) {
            throw new RemotingException(RemotingException.Kind.CONNECT_FAILED,
                    "address must be host:port, got '" + addr + "'");
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new RemotingException(RemotingException.Kind.CONNECT_FAILED,
                    "address must be host:port with a port in 1..65535, got '" + addr + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static RemotingException connectFailed(String addr, Throwable cause) {
        return new RemotingException(RemotingException.Kind.CONNECT_FAILED,
                "cannot connect to " + addr + ": " + cause, cause);
    }

    private static RemotingException closedException() {
        return new RemotingException(RemotingException.Kind.CONNECTION_CLOSED, "remoting client is closed");
    }

    /** Number of calls waiting for a response (for tests and metrics). */
    int pendingRequestCount() {
        return pending.size();
    }

    /** Closes every connection, fails every call still waiting and stops the I/O threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (ChannelFuture connection : connections.values()) {
            connection.channel().close().awaitUninterruptibly();
        }
        connections.clear();
        pending.failAll("remoting client closed");
        EventLoops.shutdown(group);
    }
}
