package dev.mq.protocol;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server speaking the remoting protocol: it accepts connections, decodes frames, runs the
 * {@link RequestProcessor} registered for each request code and sends the responses back, and it
 * can itself call a connected client (through the {@link Connection} a processor or listener is given).
 *
 * <p>Lifecycle: configure ({@link #registerProcessor}, {@link #addConnectionListener}), {@link #start()},
 * {@link #close()}. Processors and listeners may also be added while running. A connection that
 * sends a malformed frame is closed; a connection idle for the configured timeout is closed after
 * {@link ConnectionListener#onIdle} is called. Unknown request codes are answered with
 * {@link ResponseCode#REQUEST_CODE_NOT_SUPPORTED}.
 *
 * <p>Thread-safe.
 */
public final class RemotingServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemotingServer.class.getName());

    private enum State { NEW, STARTED, CLOSED }

    private final RemotingServerConfig config;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final PendingRequests pending = new PendingRequests();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ChannelGroup channels = new DefaultChannelGroup("remoting-server", ImmediateEventExecutor.INSTANCE);
    private final CommandHandler commandHandler = new CommandHandler(dispatcher, pending);
    private final ConnectionEventsHandler connectionEvents = new ConnectionEventsHandler(listeners);

    private State state = State.NEW;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    /** Creates a server; nothing is bound until {@link #start()}. */
    public RemotingServer(RemotingServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The server's settings. */
    public RemotingServerConfig config() {
        return config;
    }

    /**
     * Registers the processor for a request code, replacing any earlier one.
     *
     * @param executor where the processor runs; {@code null} runs it on the connection's I/O thread
     *                 (only for processors that never block)
     */
    public void registerProcessor(int requestCode, RequestProcessor processor, Executor executor) {
        dispatcher.register(requestCode, processor, executor);
    }

    /**
     * Sets the processor for request codes without a registered processor ({@code null} removes it;
     * then such requests are answered with {@link ResponseCode#REQUEST_CODE_NOT_SUPPORTED}).
     */
    public void setDefaultProcessor(RequestProcessor processor, Executor executor) {
        dispatcher.setDefault(processor, executor);
    }

    /** Adds a listener for connection events of connections accepted from now on. */
    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Binds the configured address and starts accepting connections.
     *
     * @throws RemotingException of kind BIND_FAILED if the address cannot be bound
     * @throws IllegalStateException if the server was started or closed before
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("server was already " + state.name().toLowerCase());
        }
        state = State.STARTED;
        bossGroup = EventLoops.create(1, "mq-server-accept", false);
        workerGroup = EventLoops.create(config.ioThreads(), "mq-server-io", false);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initConnection(channel);
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            state = State.CLOSED;
            EventLoops.shutdown(bossGroup);
            EventLoops.shutdown(workerGroup);
            throw new RemotingException(RemotingException.Kind.BIND_FAILED,
                    "cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + bound.cause(),
                    bound.cause());
        }
        serverChannel = bound.channel();
        LOG.log(Level.INFO, "remoting server listening on {0}", serverChannel.localAddress());
    }

    private void initConnection(SocketChannel channel) {
        channels.add(channel);
        ChannelConnection.attach(channel, pending);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("flushConsolidation", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        long idleMillis = config.idleTimeout().toMillis();
        if (idleMillis > 0) {
            pipeline.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
        pipeline.addLast("frameDecoder", new FrameDecoder(config.maxFrameLength()));
        pipeline.addLast("frameEncoder", FrameEncoder.INSTANCE);
        pipeline.addLast("connectionEvents", connectionEvents);
        pipeline.addLast("commands", commandHandler);
    }

    /**
     * The port the server listens on (the actual one when configured with port 0).
     *
     * @throws IllegalStateException if the server is not started
     */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Number of server-to-client calls waiting for a response (for tests and metrics). */
    int pendingRequestCount() {
        return pending.size();
    }

    /**
     * Stops accepting, closes every connection (failing calls still waiting for a client) and
     * shuts the I/O threads down. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state == State.STARTED;
        state = State.CLOSED;
        if (!started) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
        pending.failAll("server closed");
        EventLoops.shutdown(bossGroup);
        EventLoops.shutdown(workerGroup);
        LOG.log(Level.INFO, "remoting server on {0} closed", serverChannel.localAddress());
    }
}
