package dev.mq.bench.ceiling;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordEncoder;
import dev.mq.message.record.RecordLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages of the null broker's queues: every queue of an ordinary topic holds {@link #maxOffset()}
 * messages that were never stored. A pull is answered with stored records in the commit-log layout
 * ({@link RecordLayout}), copied from a template encoded once per topic and queue
 * ({@link RecordEncoder}) and patched where records of one queue differ: QUEUEOFFSET, PHYSICALOFFSET
 * (the client derives the offset message id from it) and the second half of the UNIQ_KEY property
 * (the message id applications see). So a message costs the broker a copy of its bytes and three
 * small writes.
 *
 * <p>Retry topics ({@code %RETRY%<group>}) are empty: nothing is ever sent back for real.
 */
final class VirtualBacklog {

    /** Records per template; a longer pull copies the template more than once. */
    static final int TEMPLATE_RECORDS = 32;
    static final String RETRY_PREFIX = "%RETRY%";

    /** The properties string: UNIQ_KEY first (its value is patched), then what a producer adds. */
    private static final String UNIQ_KEY_PREFIX = PropertyNames.UNIQ_KEY + MessageProperties.NAME_VALUE_SEPARATOR;
    private static final int UNIQ_KEY_HEX = 32;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] body;
    private final long maxOffset;
    private final long storeTimestamp;
    private final InetSocketAddress storeHost;
    private final int queuesPerTopic;
    private final Map<Queue, Template> templates = new ConcurrentHashMap<>();

    private record Queue(String topic, int queueId) {
    }

    /** Records of one queue, and where in a record the patched UNIQ_KEY digits are. */
    private record Template(byte[] records, int recordLength, int uniqKeyDigits) {
    }

    /**
     * @param bodySize       bytes of every message body
     * @param maxOffset      messages in every queue of an ordinary topic
     * @param storeHost      the broker address written into the records
     * @param queuesPerTopic queues of an ordinary topic, to lay the queues out in one virtual commit log
     */
    VirtualBacklog(int bodySize, long maxOffset, InetSocketAddress storeHost, int queuesPerTopic) {
        if (bodySize < 1) {
            throw new IllegalArgumentException("body size must be at least 1, got " + bodySize);
        }
        if (maxOffset < 1) {
            throw new IllegalArgumentException("backlog must be at least 1 message per queue, got " + maxOffset);
        }
        if (maxOffset > maxBacklog(bodySize, queuesPerTopic)) {
            throw new IllegalArgumentException("a backlog of " + maxOffset + " messages of " + bodySize
                    + " bytes per queue is too large for 64-bit commit-log offsets; at most "
                    + maxBacklog(bodySize, queuesPerTopic));
        }
        this.body = new byte[bodySize];
        new Random(42).nextBytes(body);
        this.maxOffset = maxOffset;
        this.storeTimestamp = System.currentTimeMillis();
        this.storeHost = storeHost;
        this.queuesPerTopic = queuesPerTopic;
    }

    /**
     * The largest backlog per queue whose virtual commit log fits 64-bit offsets (a topic name of up
     * to 127 bytes and the properties add less than 512 bytes to a record).
     */
    static long maxBacklog(int bodySize, int queuesPerTopic) {
        return Long.MAX_VALUE / ((bodySize + 512L) * queuesPerTopic);
    }

    /** The next offset to be written of a queue of {@code topic}: the backlog, or 0 for a retry topic. */
    long maxOffset(String topic) {
        return topic.startsWith(RETRY_PREFIX) ? 0 : maxOffset;
    }

    /** When every virtual message was stored (the broker's start). */
    long storeTimestamp() {
        return storeTimestamp;
    }

    int bodySize() {
        return body.length;
    }

    /** Bytes of one record of {@code topic}. */
    int recordLength(String topic, int queueId) {
        return template(topic, queueId).recordLength();
    }

    /**
     * The records of {@code count} messages of a queue from {@code offset} on, in a buffer of
     * {@code alloc} (the caller owns it).
     */
    ByteBuf records(ByteBufAllocator alloc, String topic, int queueId, long offset, int count) {
        Template template = template(topic, queueId);
        int length = template.recordLength();
        ByteBuf out = alloc.directBuffer(count * length);
        for (int left = count; left > 0; left -= TEMPLATE_RECORDS) {
            out.writeBytes(template.records(), 0, Math.min(left, TEMPLATE_RECORDS) * length);
        }
        long physicalBase = physicalOffset(queueId, offset, length);
        long physicalStep = (long) queuesPerTopic * length;
        for (int i = 0; i < count; i++) {
            int at = i * length;
            long queueOffset = offset + i;
            out.setLong(at + RecordLayout.QUEUE_OFFSET, queueOffset);
            out.setLong(at + RecordLayout.PHYSICAL_OFFSET, physicalBase + i * physicalStep);
            writeHex(out, at + template.uniqKeyDigits(), queueOffset);
        }
        return out;
    }

    /**
     * Where the record would lie in one commit log that the queues of a topic were written to in
     * turn: offset o of queue q is the (o * queues + q)-th record.
     */
    private long physicalOffset(int queueId, long offset, int recordLength) {
        return (offset * queuesPerTopic + queueId) * recordLength;
    }

    /** The 16 hex digits of {@code value} at {@code index}. */
    private static void writeHex(ByteBuf out, int index, long value) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | HEX[(int) (value >>> (60 - 4 * i)) & 0xF];
            lo = (lo << 8) | HEX[(int) (value >>> (28 - 4 * i)) & 0xF];
        }
        out.setLong(index, hi);
        out.setLong(index + 8, lo);
    }

    private Template template(String topic, int queueId) {
        Template template = templates.get(new Queue(topic, queueId));
        return template != null ? template : templates.computeIfAbsent(new Queue(topic, queueId), this::encode);
    }

    /** {@value #TEMPLATE_RECORDS} identical records of one queue; the patched fields are set per pull. */
    private Template encode(Queue queue) {
        // the first 16 UNIQ_KEY digits name the queue, the last 16 (patched) its offset
        String uniqKeyPrefix = String.format("%08X%08X", queue.topic().hashCode(), queue.queueId());
        String properties = UNIQ_KEY_PREFIX + uniqKeyPrefix + "0".repeat(UNIQ_KEY_HEX - uniqKeyPrefix.length())
                + MessageProperties.PROPERTY_SEPARATOR + "WAIT" + MessageProperties.NAME_VALUE_SEPARATOR + "true"
                + MessageProperties.PROPERTY_SEPARATOR;
        AppendMessage message = new AppendMessage(queue.topic(), queue.queueId(), 0, 0, storeTimestamp,
                new InetSocketAddress(storeHost.getAddress(), 0), 0, 0L, body, properties);
        byte[] record = RecordEncoder.encode(message, storeHost);
        // STORETIMESTAMP is left 0 by the encoder, for the store to fill in
        int sysFlag = readInt(record, RecordLayout.SYS_FLAG);
        writeLong(record, RecordLayout.storeTimestampPosition(sysFlag), storeTimestamp);
        byte[] propertyBytes = properties.getBytes(StandardCharsets.UTF_8);
        int propertiesAt = record.length - propertyBytes.length;
        if (!Arrays.equals(record, propertiesAt, record.length, propertyBytes, 0, propertyBytes.length)) {
            throw new IllegalStateException("the encoded record does not end with its properties");
        }
        int digits = propertiesAt + UNIQ_KEY_PREFIX.length() + UNIQ_KEY_HEX / 2;
        byte[] records = new byte[record.length * TEMPLATE_RECORDS];
        for (int i = 0; i < TEMPLATE_RECORDS; i++) {
            System.arraycopy(record, 0, records, i * record.length, record.length);
        }
        return new Template(records, record.length, digits);
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    private static void writeLong(byte[] bytes, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
