package dev.mq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.lang.System.Logger.Level;
import java.util.function.IntPredicate;

/**
 * Splits the inbound byte stream into frames by their 4-byte length field and decodes each into a
 * {@link RemotingCommand}.
 *
 * <p>A frame whose length field exceeds the maximum, is negative, or whose content is not a valid
 * command ends the connection, as on Apache peers: the decoder logs one line naming the remote
 * address and the reason, discards everything it has and will receive, and closes the channel.
 * Nothing is propagated down the pipeline, so other connections are unaffected.
 *
 * <p>Not sharable: one instance per channel.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final System.Logger LOG = System.getLogger(FrameDecoder.class.getName());

    private static final int LENGTH_FIELD_LENGTH = 4;

    private final int maxFrameLength;
    private final IntPredicate retainsResponseBody;
    private boolean failed;

    /** A decoder with the default maximum frame length of 16 MiB. */
    public FrameDecoder() {
        this(RemotingCommandCodec.DEFAULT_MAX_FRAME_LENGTH);
    }

    /**
     * A decoder accepting length field values up to {@code maxFrameLength}; every body is copied into
     * a byte array.
     *
     * @param maxFrameLength maximum value of the length field (bytes after the length field), at least 4
     */
    public FrameDecoder(int maxFrameLength) {
        this(maxFrameLength, opaque -> false);
    }

    /**
     * A decoder accepting length field values up to {@code maxFrameLength} that hands the body of a
     * response whose opaque {@code retainsResponseBody} accepts on as a retained slice of the frame
     * instead of a copy ({@link RemotingCommandCodec#decode(ByteBuf, IntPredicate)}).
     *
     * @param maxFrameLength      maximum value of the length field (bytes after the length field), at least 4
     * @param retainsResponseBody asked on the channel's I/O thread, with the opaque of each response
     *                            that has a body
     */
    public FrameDecoder(int maxFrameLength, IntPredicate retainsResponseBody) {
        // Netty compares its limit with the length field value plus the field itself.
        super((int) Math.min(Integer.MAX_VALUE, (long) checked(maxFrameLength) + LENGTH_FIELD_LENGTH),
                0, LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH, true);
        this.maxFrameLength = maxFrameLength;
        this.retainsResponseBody = retainsResponseBody;
    }

    private static int checked(int maxFrameLength) {
        if (maxFrameLength < 4) {
            throw new IllegalArgumentException("maxFrameLength must be at least 4, got " + maxFrameLength);
        }
        return maxFrameLength;
    }

    /** The maximum value of the length field. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf frame;
        try {
            frame = (ByteBuf) super.decode(ctx, in);
        } catch (TooLongFrameException e) {
            fail(ctx, in, "length field exceeds the maximum of " + maxFrameLength + " bytes (" + e.getMessage() + ")");
            return null;
        } catch (DecoderException e) {
            fail(ctx, in, e.getMessage());
            return null;
        }
        if (frame == null) {
            return null;
        }
        try {
            return RemotingCommandCodec.decode(frame, retainsResponseBody);
        } catch (RemotingCommandException e) {
            fail(ctx, in, e.getMessage());
            return null;
        } finally {
            frame.release();
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        LOG.log(Level.WARNING, "closing connection from {0}: malformed frame: {1}",
                ctx.channel().remoteAddress(), reason);
        ctx.close();
    }
}
