package dev.mq.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Offset message ids ({@code remoting-protocol.md} section 4.5): the store host's address, its port
 * and the record's commit-log offset as uppercase hex, 32 characters for an IPv4 host and 56 for
 * IPv6. Brokers return them from sends; clients compute them from pulled records and parse them to
 * find the broker and the commit-log offset of a message.
 */
public final class MessageIds {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();
    private static final int IPV4_ID_BYTES = 4 + 4 + 8;
    private static final int IPV6_ID_BYTES = 16 + 4 + 8;

    private MessageIds() {
    }

    /** The offset message id of the record stored at {@code commitLogOffset} by {@code storeHost}. */
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

    /**
     * The commit-log offset inside an offset message id.
     *
     * @throws IllegalArgumentException if {@code offsetMessageId} is not one
     */
    public static long commitLogOffset(String offsetMessageId) {
        byte[] bytes = parse(offsetMessageId);
        return ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    }

    /**
     * The store host (address and port) inside an offset message id: where to ask for the message.
     *
     * @throws IllegalArgumentException if {@code offsetMessageId} is not one
     */
    public static InetSocketAddress storeHost(String offsetMessageId) {
        byte[] bytes = parse(offsetMessageId);
        int addressLength = bytes.length - 12;
        byte[] address = new byte[addressLength];
        System.arraycopy(bytes, 0, address, 0, addressLength);
        int port = ByteBuffer.wrap(bytes, addressLength, 4).getInt();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an offset message id: " + offsetMessageId, e);
        }
    }

    private static byte[] parse(String offsetMessageId) {
        byte[] bytes;
        try {
            bytes = HEX.parseHex(offsetMessageId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an offset message id: " + offsetMessageId, e);
        }
        if (bytes.length != IPV4_ID_BYTES && bytes.length != IPV6_ID_BYTES) {
            throw new IllegalArgumentException("not an offset message id: " + offsetMessageId);
        }
        return bytes;
    }
}
