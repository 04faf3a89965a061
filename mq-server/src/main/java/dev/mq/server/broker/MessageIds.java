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

    /** A broker has one store host: its hex is worked out once, not for every message. */
    private record HostHex(InetSocketAddress host, String hex) {
    }

    private static volatile HostHex lastHost;

    private MessageIds() {
    }

    public static String offsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {
        String host = hostHex(storeHost);
        StringBuilder id = new StringBuilder(host.length() + 16).append(host);
        for (int shift = 60; shift >= 0; shift -= 4) {
            id.append(DIGITS[(int) (commitLogOffset >>> shift) & 0xF]);
        }
        return id.toString();
    }

    private static String hostHex(InetSocketAddress storeHost) {
        HostHex last = lastHost;
        if (last == null || !last.host().equals(storeHost)) {
            byte[] address = storeHost.getAddress().getAddress();
            ByteBuffer bytes = ByteBuffer.allocate(address.length + 4);
            bytes.put(address).putInt(storeHost.getPort());
            last = new HostHex(storeHost, HEX.formatHex(bytes.array()));
            lastHost = last;
        }
        return last.hex();
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
