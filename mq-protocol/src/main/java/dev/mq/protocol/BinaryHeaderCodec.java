package dev.mq.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ROCKETMQ binary header (serialize type 1, {@code remoting-protocol.md} section 1.4):
 * int16 code, byte language, int16 version, int32 opaque, int32 flag, int32-length remark,
 * int32-length ext fields of (int16-length key, int32-length value) entries, all UTF-8.
 *
 * <p>As on Apache peers, a zero-length string reads as {@code null}: an empty remark reads as no
 * remark, and an ext field with an empty key or value is dropped. Reading is strict: every length
 * must be non-negative and fit the header, and the ext entries must fill the header exactly.
 */
final class BinaryHeaderCodec {

    private static final int FIXED_FIELDS_LENGTH = 2 + 1 + 2 + 4 + 4;

    private BinaryHeaderCodec() {
    }

    /**
     * Appends the binary header of {@code command} to {@code out}.
     *
     * @throws RemotingCommandException if the code, version or a key does not fit its int16 field
     */
    static void write(RemotingCommand command, ByteBuf out) {
        out.writeShort(checkedShort(command.code(), "code", command));
        out.writeByte(command.languageCode().code());
        out.writeShort(checkedShort(command.version(), "version", command));
        out.writeInt(command.opaque());
        out.writeInt(command.flag());

        String remark = command.remark();
        if (remark == null || remark.isEmpty()) {
            out.writeInt(0);
        } else {
            byte[] bytes = remark.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }

        int extLengthIndex = out.writerIndex();
        out.writeInt(0);
        for (Map.Entry<String, String> field : command.extFields().entrySet()) {
            byte[] key = field.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = field.getValue().getBytes(StandardCharsets.UTF_8);
            if (key.length > Short.MAX_VALUE) {
                throw new RemotingCommandException("ext field key of " + key.length
                        + " bytes does not fit a ROCKETMQ binary header (max 32767): " + command);
            }
            out.writeShort(key.length);
            out.writeBytes(key);
            out.writeInt(value.length);
            out.writeBytes(value);
        }
        out.setInt(extLengthIndex, out.writerIndex() - extLengthIndex - 4);
    }

    private static int checkedShort(int value, String field, RemotingCommand command) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new RemotingCommandException(field + " " + value
                    + " cannot be represented in a ROCKETMQ binary header (int16); send it with JSON: " + command);
        }
        return value;
    }

    /**
     * Reads a binary header of {@code length} bytes from {@code in}, advancing its reader index.
     *
     * @throws MalformedFrameException if a field is truncated, a length is negative or bytes are left over
     */
    static RemotingCommand read(ByteBuf in, int length) {
        ByteBuf header = in.readSlice(length);
        require(header, FIXED_FIELDS_LENGTH, "the fixed header fields");
        RemotingCommand command = new RemotingCommand();
        command.setCode(header.readShort());
        command.setLanguage(LanguageCode.fromCode(header.readByte()));
        command.setVersion(header.readShort());
        command.setOpaque(header.readInt());
        command.setFlag(header.readInt());

        require(header, 4, "the remark length");
        int remarkLength = header.readInt();
        String remark = readString(header, remarkLength, "remark");
        command.setRemark(remark);

        require(header, 4, "the ext fields length");
        int extLength = header.readInt();
        checkLength(header, extLength, "ext fields");
        ByteBuf ext = header.readSlice(extLength);
        Map<String, String> extFields = command.extFields();
        while (ext.isReadable()) {
            require(ext, 2, "an ext field key length");
            String key = readString(ext, ext.readShort(), "ext field key");
            require(ext, 4, "an ext field value length");
            String value = readString(ext, ext.readInt(), "ext field value");
            if (key != null && value != null) {
                extFields.put(key, value);
            }
        }
        if (header.isReadable()) {
            throw new MalformedFrameException(
                    "binary header has " + header.readableBytes() + " unexpected bytes after the ext fields");
        }
        return command;
    }

    private static String readString(ByteBuf buffer, int length, String what) {
        checkLength(buffer, length, what);
        if (length == 0) {
            return null;
        }
        return buffer.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static void checkLength(ByteBuf buffer, int length, String what) {
        if (length < 0) {
            throw new MalformedFrameException("binary header: negative " + what + " length " + length);
        }
        if (length > buffer.readableBytes()) {
            throw new MalformedFrameException("binary header: " + what + " length " + length
                    + " exceeds the " + buffer.readableBytes() + " bytes left");
        }
    }

    private static void require(ByteBuf buffer, int bytes, String what) {
        if (buffer.readableBytes() < bytes) {
            throw new MalformedFrameException("binary header truncated: " + bytes + " bytes needed for " + what
                    + ", " + buffer.readableBytes() + " left");
        }
    }
}
