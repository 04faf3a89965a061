package dev.mq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.function.IntPredicate;

/**
 * Turns a {@link RemotingCommand} into a frame and back ({@code remoting-protocol.md} section 1.2):
 *
 * <pre>
 * int32 length = 4 + H + B | int32 header word = serializeType &lt;&lt; 24 | H | header (H bytes) | body (B bytes)
 * </pre>
 *
 * <p>Pure functions without pipeline state; {@link FrameDecoder} and {@link FrameEncoder} use them
 * inside Netty.
 */
public final class RemotingCommandCodec {

    /** Default maximum value of the length field: 16 MiB, as Apache peers. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** The largest header length the 24-bit field of the header word can express. */
    public static final int MAX_HEADER_LENGTH = 0xFF_FFFF;

    private static final int HEADER_SIZE_ESTIMATE = 256;

    private RemotingCommandCodec() {
    }

    /**
     * Encodes the whole frame, length field included, with the command's serialize type.
     *
     * <p>If the command has a {@linkplain RemotingCommand#bodyBuffer() body buffer}, the frame is a
     * composite that holds its own reference to it (no copy); the command's reference is left
     * alone. Otherwise the body bytes are copied into the frame.
     *
     * @return a new buffer the caller owns
     * @throws RemotingCommandException if the command cannot be expressed in its serialize type
     *         (e.g. a code beyond int16 in a binary header) or the frame would be too large
     */
    public static ByteBuf encode(RemotingCommand command, ByteBufAllocator alloc) {
        ByteBuf bodyBuffer = command.bodyBuffer();
        byte[] body = bodyBuffer == null ? command.body() : null;
        int bodyLength = command.bodyLength();

        ByteBuf frame = alloc.buffer(8 + HEADER_SIZE_ESTIMATE + (body == null ? 0 : bodyLength));
        boolean done = false;
        try {
            frame.writerIndex(8);
            SerializeType type = command.serializeType();
            switch (type) {
                case JSON -> JsonHeaderWriter.write(command, frame);
                case ROCKETMQ -> BinaryHeaderCodec.write(command, frame);
                default -> throw new IllegalStateException("unhandled serialize type " + type);
            }
            int headerLength = frame.writerIndex() - 8;
            if (headerLength > MAX_HEADER_LENGTH) {
                throw new RemotingCommandException("header of " + headerLength + " bytes exceeds the maximum of "
                        + MAX_HEADER_LENGTH + ": " + command);
            }
            long length = 4L + headerLength + bodyLength;
            if (length > Integer.MAX_VALUE) {
                throw new RemotingCommandException("frame of " + length + " bytes is too large: " + command);
            }
            frame.setInt(0, (int) length);
            frame.setInt(4, (type.code() << 24) | headerLength);
            if (bodyBuffer != null) {
                ByteBuf composite = alloc.compositeBuffer(2).addComponents(true, frame, bodyBuffer.retainedDuplicate());
                done = true;
                return composite;
            }
            if (body != null) {
                frame.writeBytes(body);
            }
            done = true;
            return frame;
        } finally {
            if (!done) {
                frame.release();
            }
        }
    }

    /** For {@link #decode(ByteBuf, IntPredicate)}: every body is copied into a byte array. */
    private static final IntPredicate COPY_EVERY_BODY = opaque -> false;

    /**
     * Decodes one frame whose length field has already been removed: header word, header and body
     * (everything readable), the body copied into a byte array. Advances the buffer's reader index;
     * does not release it.
     *
     * @throws MalformedFrameException if the bytes are not a valid command
     */
    public static RemotingCommand decode(ByteBuf frameWithoutLengthField) {
        return decode(frameWithoutLengthField, COPY_EVERY_BODY);
    }

    /**
     * Decodes one frame as {@link #decode(ByteBuf)}, except that the body of a response whose opaque
     * {@code retainsResponseBody} accepts is not copied: the command gets a retained slice of the
     * frame as its {@linkplain RemotingCommand#bodyBuffer() body buffer} (and no byte array), which
     * whoever ends up with the command must release ({@link RemotingCommand#releaseBodyBuffer()}).
     *
     * @throws MalformedFrameException if the bytes are not a valid command
     */
    public static RemotingCommand decode(ByteBuf frameWithoutLengthField, IntPredicate retainsResponseBody) {
        ByteBuf frame = frameWithoutLengthField;
        if (frame.readableBytes() < 4) {
            throw new MalformedFrameException(
                    "frame of " + frame.readableBytes() + " bytes is shorter than the 4-byte header word");
        }
        int headerWord = frame.readInt();
        int typeCode = headerWord >>> 24;
        int headerLength = headerWord & MAX_HEADER_LENGTH;
        SerializeType type = SerializeType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedFrameException("unknown serialize type " + typeCode);
        }
        if (headerLength > frame.readableBytes()) {
            throw new MalformedFrameException("header length " + headerLength + " exceeds the "
                    + frame.readableBytes() + " bytes left in the frame");
        }
        RemotingCommand command = switch (type) {
            case JSON -> JsonHeaderReader.read(frame, headerLength);
            case ROCKETMQ -> BinaryHeaderCodec.read(frame, headerLength);
        };
        command.setSerializeType(type);
        int bodyLength = frame.readableBytes();
        if (bodyLength > 0 && command.isResponse() && retainsResponseBody.test(command.opaque())) {
            command.setBodyBuffer(frame.readRetainedSlice(bodyLength));
        } else if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.readBytes(body);
            command.setBody(body);
        }
        return command;
    }
}
