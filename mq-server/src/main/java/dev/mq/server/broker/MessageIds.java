package dev.mq.server.broker;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Offset message ids: store host address, port and commit-log offset as uppercase hex (32 chars
 * for IPv4), the format clients parse to find the broker and offset of a message.
 */
public final class MessageIds {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private MessageIds() {
    }

    public static String offsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {
        byte[] address = storeHost.getAddress().getAddress();
        StringBuilder id = new StringBuilder(2 * address.length + 24);
        for (byte part : address) {
            appendHex(id, part & 0xFF, 2);
        }
        appendHex(id, storeHost.getPort(), 8);
        appendHex(id, commitLogOffset, 16);
        return id.toString();
    }

    /** The low {@code digits} hex digits of {@code value}, most significant first (no buffer per id). */
    private static void appendHex(StringBuilder id, long value, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            id.append(DIGITS[(int) (value >>> shift) & 0xF]);
        }
    }

    /** The commit-log offset inside an offset message id. */
    public static long commitLogOffset(String offsetMessageId) {
        byte[] bytes = HEX.parseHex(offsetMessageId);
        if (bytes.length != 16 && bytes.length != 28) {
            throw new IllegalArgumentException("not an offset message id: " + offsetMessageId);
        }
        return ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    }
}
