package dev.mq.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.lang.System.Logger.Level;

/**
 * The last inbound handler of every connection: responses complete pending requests, requests go
 * to the dispatcher; a closing channel fails its pending requests; an unexpected exception is
 * logged in one line and closes the connection.
 */
@ChannelHandler.Sharable
final class CommandHandler extends SimpleChannelInboundHandler<RemotingCommand> {

    private static final System.Logger LOG = System.getLogger(CommandHandler.class.getName());

    private final RequestDispatcher dispatcher;
    private final PendingRequests pending;

    CommandHandler(RequestDispatcher dispatcher, PendingRequests pending) {
        super(RemotingCommand.class);
        this.dispatcher = dispatcher;
        this.pending = pending;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand command) {
        if (command.isResponse()) {
            pending.complete(ctx.channel(), command);
        } else {
            dispatcher.dispatch(ctx.channel(), command);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.failChannel(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.WARNING, "closing connection with {0}: {1}", ctx.channel().remoteAddress(), cause.toString());
        LOG.log(Level.DEBUG, "connection failure details", cause);
        ctx.close();
    }
}
