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

    private MessageIds() {
    }

    public static String offsetMessageId(InetSocketAddress storeHost, long commitLogOffset) {
        byte[] address = storeHost.getAddress().getAddress();
        ByteBuffer bytes = ByteBuffer.allocate(address.length + 12);
        bytes.put(address).putInt(storeHost.getPort()).putLong(commitLogOffset);
        return HEX.formatHex(bytes.array());
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
