package dev.mq.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Tells the server's {@link ConnectionListener}s about accepted connections, closes and idleness, and
 * closes a connection that has been read-idle for the idle timeout.
 */
@ChannelHandler.Sharable
final class ConnectionEventsHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ConnectionEventsHandler.class.getName());

    private final List<ConnectionListener> listeners;

    /** @param listeners the live (concurrently modifiable) list of listeners */
    ConnectionEventsHandler(List<ConnectionListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        notifyListeners(ctx.channel(), ConnectionListener::onConnected, "onConnected");
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        notifyListeners(ctx.channel(), ConnectionListener::onClosed, "onClosed");
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            LOG.log(Level.INFO, "closing idle connection from {0}", ctx.channel().remoteAddress());
            notifyListeners(ctx.channel(), ConnectionListener::onIdle, "onIdle");
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void notifyListeners(Channel channel, BiConsumer<ConnectionListener, Connection> callback,
                                 String name) {
        Connection connection = ChannelConnection.of(channel);
        for (ConnectionListener listener : listeners) {
            try {
                callback.accept(listener, connection);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener " + listener + " failed in " + name + " for "
                        + connection.remoteAddressText(), e);
            }
        }
    }
}
