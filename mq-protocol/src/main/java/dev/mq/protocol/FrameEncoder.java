package dev.mq.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Encodes outbound {@link RemotingCommand}s into frames with {@link RemotingCommandCodec#encode}.
 * A command's {@linkplain RemotingCommand#bodyBuffer() body buffer} is written without copying and
 * the command's reference to it is released here, whether encoding succeeds or fails.
 *
 * <p>Stateless and sharable: {@link #INSTANCE} serves every channel.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<RemotingCommand> {

    /** The shared instance. */
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    /** Creates an encoder; prefer {@link #INSTANCE}. */
    public FrameEncoder() {
        super(RemotingCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand command, List<Object> out) {
        try {
            out.add(RemotingCommandCodec.encode(command, ctx.alloc()));
        } finally {
            command.releaseBodyBuffer();
        }
    }
}
