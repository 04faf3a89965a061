package dev.mq.message.record;

import dev.mq.message.MessageSysFlag;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Encodes {@link AppendMessage}s into the stored record layout ({@link RecordLayout}).
 *
 * <p>Encoding runs on the caller's thread so the single commit-log writer only copies bytes and
 * fills in the three fields it assigns: QUEUEOFFSET, PHYSICALOFFSET and STORETIMESTAMP.
 */
public final class RecordEncoder {

    private RecordEncoder() {
    }

    /**
     * Encodes one message. QUEUEOFFSET, PHYSICALOFFSET and STORETIMESTAMP are left 0.
     *
     * @throws IllegalArgumentException when the topic or properties are too long for the layout
     */
    public static byte[] encode(AppendMessage message, InetSocketAddress storeHost) {
        byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = message.properties().getBytes(StandardCharsets.UTF_8);
        if (topic.length == 0 || topic.length > RecordLayout.MAX_TOPIC_BYTES_V2) {
            throw new IllegalArgumentException("topic must be 1.." + RecordLayout.MAX_TOPIC_BYTES_V2
                    + " UTF-8 bytes but was " + topic.length);
        }
        if (properties.length > RecordLayout.MAX_PROPERTIES_BYTES) {
            throw new IllegalArgumentException("properties must be at most " + RecordLayout.MAX_PROPERTIES_BYTES
                    + " UTF-8 bytes but were " + properties.length);
        }
        InetAddress bornAddress = address(message.bornHost());
        InetAddress storeAddress = address(storeHost);
        int sysFlag = message.sysFlag() & ~(MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6);
        if (bornAddress instanceof Inet6Address) {
            sysFlag |= MessageSysFlag.BORN_HOST_V6;
        }
        if (storeAddress instanceof Inet6Address) {
            sysFlag |= MessageSysFlag.STORE_HOST_V6;
        }
        byte[] body = message.body();
        int length = RecordLayout.recordLength(sysFlag, body.length, topic.length, properties.length);
        ByteBuffer buf = ByteBuffer.allocate(length);
        buf.putInt(length);
        buf.putInt(topic.length > RecordLayout.MAX_TOPIC_BYTES ? RecordLayout.MAGIC_V2 : RecordLayout.MAGIC_V1);
        buf.putInt(bodyCrc(body, 0, body.length));
        buf.putInt(message.queueId());
        buf.putInt(message.flag());
        buf.putLong(0L); // QUEUEOFFSET, assigned by the writer
        buf.putLong(0L); // PHYSICALOFFSET, assigned by the writer
        buf.putInt(sysFlag);
        buf.putLong(message.bornTimestamp());
        buf.put(bornAddress.getAddress()).putInt(message.bornHost().getPort());
        buf.putLong(0L); // STORETIMESTAMP, assigned by the writer
        buf.put(storeAddress.getAddress()).putInt(storeHost.getPort());
        buf.putInt(message.reconsumeTimes());
        buf.putLong(message.preparedTransactionOffset());
        buf.putInt(body.length).put(body);
        if (topic.length > RecordLayout.MAX_TOPIC_BYTES) {
            buf.putShort((short) topic.length);
        } else {
            buf.put((byte) topic.length);
        }
        buf.put(topic);
        buf.putShort((short) properties.length).put(properties);
        return buf.array();
    }

    /** CRC32 of a body as RocketMQ stores it: masked to a non-negative int. */
    public static int bodyCrc(byte[] body, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(body, offset, length);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** CRC32 of the remaining bytes of {@code body} (position unchanged), masked like {@link #bodyCrc(byte[], int, int)}. */
    public static int bodyCrc(ByteBuffer body) {
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private static InetAddress address(InetSocketAddress host) {
        InetAddress address = host.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("host " + host + " is unresolved");
        }
        return address;
    }
}
