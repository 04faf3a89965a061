package dev.mq.protocol;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The {@link Connection} of a Netty channel: created when the channel is set up and kept as one of
 * its attributes, so every processor and listener of that channel sees the same instance.
 */
final class ChannelConnection implements Connection {

    private static final AttributeKey<ChannelConnection> KEY = AttributeKey.valueOf(ChannelConnection.class.getName());

    private final Channel channel;
    private final PendingRequests pending;

    private ChannelConnection(Channel channel, PendingRequests pending) {
        this.channel = channel;
        this.pending = pending;
    }

    /** Gives {@code channel} its connection; calls back go through {@code pending} (its owner's table). */
    static void attach(Channel channel, PendingRequests pending) {
        channel.attr(KEY).set(new ChannelConnection(channel, pending));
    }

    /** The connection of a channel set up by {@link #attach}. */
    static ChannelConnection of(Channel channel) {
        ChannelConnection connection = channel.attr(KEY).get();
        if (connection == null) {
            throw new IllegalStateException("channel " + channel + " has no connection attached");
        }
        return connection;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        return pending.send(channel, request, timeoutMillis, false);
    }

    @Override
    public void invokeOneway(RemotingCommand request) {
        pending.sendOneway(channel, request);
    }

    @Override
    public void close() {
        channel.close();
    }

    /** The channel's event loop, on that loop: it runs submitted tasks after the I/O events of its current turn. */
    @Override
    public Executor afterCurrentRead() {
        return channel.eventLoop().inEventLoop() ? channel.eventLoop() : null;
    }

    @Override
    public String toString() {
        return "Connection[" + remoteAddressText() + "]";
    }
}
