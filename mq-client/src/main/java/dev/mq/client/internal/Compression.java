package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.message.MessageSysFlag;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Message body compression as the official clients do it ({@code remoting-protocol.md} section 4.7):
 * a zlib stream (not raw deflate, not gzip), flagged in the sysFlag by {@link MessageSysFlag#COMPRESSED}
 * and the compression type in bits 8-10 ({@link #ZLIB} = 3; 0 from clients before 4.9.4 also means
 * zlib). LZ4 and ZSTD bodies (types 1 and 2) are recognised but not decompressed: this client has no
 * library for them.
 */
public final class Compression {

    /** Mask of the compression type bits in the sysFlag. */
    public static final int TYPE_MASK = 0x700;
    /** Compression type LZ4 (frame format). */
    public static final int LZ4 = 0x100;
    /** Compression type ZSTD. */
    public static final int ZSTD = 0x200;
    /** Compression type zlib, what this client writes. */
    public static final int ZLIB = 0x300;
    /** The sysFlag bits of a body this client compressed. */
    public static final int ZLIB_COMPRESSED = MessageSysFlag.COMPRESSED | ZLIB;

    private Compression() {
    }

    /** {@code body} as a zlib stream at {@code level} (0-9). */
    public static byte[] zlib(byte[] body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(1024, body.length))];
            while (!deflater.finished()) {
                int length = deflater.deflate(chunk);
                out.write(chunk, 0, length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The body as the producer wrote it: decompressed when {@code sysFlag} says it is compressed.
     *
     * @throws MqClientException when the body is LZ4 or ZSTD, or not a valid zlib stream
     */
    public static byte[] decompress(byte[] body, int sysFlag) {
        if ((sysFlag & MessageSysFlag.COMPRESSED) == 0) {
            return body;
        }
        int type = sysFlag & TYPE_MASK;
        if (type == LZ4 || type == ZSTD) {
            throw new MqClientException("the message body is " + (type == LZ4 ? "LZ4" : "ZSTD")
                    + "-compressed; this client decompresses zlib only (have the producer use zlib, the default)");
        }
        if (type != 0 && type != ZLIB) {
            throw new MqClientException("the message body has unknown compression type " + (type >> 8));
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(1024, body.length * 4))];
            while (!inflater.finished()) {
                int length = inflater.inflate(chunk);
                if (length == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MqClientException("the compressed message body is truncated ("
                            + body.length + " bytes)");
                }
                out.write(chunk, 0, length);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new MqClientException("the message body is flagged as zlib-compressed but is not a zlib stream: "
                    + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
