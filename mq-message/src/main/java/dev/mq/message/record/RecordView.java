package dev.mq.message.record;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one stored record in place (absolute reads, no copying), and checks that a
 * record is whole.
 *
 * <p>A view is a reusable flyweight: {@link #wrap(ByteBuffer, int)} points it at a record. It is
 * not thread-safe; each thread uses its own.
 */
public final class RecordView {

    /** What {@link #check(ByteBuffer, int, int, boolean)} found at a position. */
    public enum Check {
        /** A whole record whose lengths agree (and whose body CRC matches, if checked). */
        VALID,
        /** The blank record that fills the end of a segment. */
        BLANK,
        /** Zero bytes: nothing was ever written here. */
        EMPTY,
        /** Anything else: a torn, truncated or corrupted record. */
        CORRUPT
    }

    private ByteBuffer buf;
    private int pos;

    /** Points this view at the record starting at absolute position {@code position} of {@code buffer}. */
    public RecordView wrap(ByteBuffer buffer, int position) {
        this.buf = buffer;
        this.pos = position;
        return this;
    }

    public int totalSize() {
        return buf.getInt(pos + RecordLayout.TOTAL_SIZE);
    }

    public int magic() {
        return buf.getInt(pos + RecordLayout.MAGIC);
    }

    public int bodyCrc() {
        return buf.getInt(pos + RecordLayout.BODY_CRC);
    }

    public int queueId() {
        return buf.getInt(pos + RecordLayout.QUEUE_ID);
    }

    public int flag() {
        return buf.getInt(pos + RecordLayout.FLAG);
    }

    public long queueOffset() {
        return buf.getLong(pos + RecordLayout.QUEUE_OFFSET);
    }

    public long physicalOffset() {
        return buf.getLong(pos + RecordLayout.PHYSICAL_OFFSET);
    }

    public int sysFlag() {
        return buf.getInt(pos + RecordLayout.SYS_FLAG);
    }

    public long bornTimestamp() {
        return buf.getLong(pos + RecordLayout.BORN_TIMESTAMP);
    }

    /** BORNHOST: the producer's address and port (IPv4 or IPv6, as the sysFlag says). */
    public InetSocketAddress bornHost() {
        return host(pos + RecordLayout.BORN_HOST, (sysFlag() & MessageSysFlag.BORN_HOST_V6) != 0);
    }

    /** STOREHOST: the storing broker's address and port (IPv4 or IPv6, as the sysFlag says). */
    public InetSocketAddress storeHost() {
        int sysFlag = sysFlag();
        return host(pos + RecordLayout.storeHostPosition(sysFlag), (sysFlag & MessageSysFlag.STORE_HOST_V6) != 0);
    }

    private InetSocketAddress host(int at, boolean ipv6) {
        byte[] address = new byte[ipv6 ? 16 : 4];
        buf.get(at, address);
        int port = buf.getInt(at + address.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored host address has " + address.length + " bytes", e);
        }
    }

    public long storeTimestamp() {
        return buf.getLong(pos + RecordLayout.storeTimestampPosition(sysFlag()));
    }

    public int reconsumeTimes() {
        return buf.getInt(pos + RecordLayout.reconsumeTimesPosition(sysFlag()));
    }

    public long preparedTransactionOffset() {
        return buf.getLong(pos + RecordLayout.reconsumeTimesPosition(sysFlag()) + 4);
    }

    public int bodyLength() {
        return buf.getInt(pos + RecordLayout.bodyLengthPosition(sysFlag()));
    }

    /** Absolute position of the first body byte. */
    public int bodyPosition() {
        return pos + RecordLayout.bodyLengthPosition(sysFlag()) + 4;
    }

    /** A copy of the body. */
    public byte[] body() {
        byte[] body = new byte[bodyLength()];
        buf.get(bodyPosition(), body);
        return body;
    }

    private int topicLengthPosition() {
        return bodyPosition() + bodyLength();
    }

    private int topicLengthFieldSize() {
        return magic() == RecordLayout.MAGIC_V2 ? 2 : 1;
    }

    public int topicLength() {
        int at = topicLengthPosition();
        return topicLengthFieldSize() == 2 ? buf.getShort(at) & 0xFFFF : buf.get(at) & 0xFF;
    }

    public String topic() {
        return string(topicLengthPosition() + topicLengthFieldSize(), topicLength());
    }

    private int propertiesLengthPosition() {
        return topicLengthPosition() + topicLengthFieldSize() + topicLength();
    }

    public int propertiesLength() {
        return buf.getShort(propertiesLengthPosition()) & 0xFFFF;
    }

    public String properties() {
        return string(propertiesLengthPosition() + 2, propertiesLength());
    }

    /** Whether this record's topic is exactly {@code topicUtf8}, compared in place. */
    public boolean topicEquals(byte[] topicUtf8) {
        int length = topicLength();
        if (length != topicUtf8.length) {
            return false;
        }
        int at = topicLengthPosition() + topicLengthFieldSize();
        for (int i = 0; i < length; i++) {
            if (buf.get(at + i) != topicUtf8[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of one property, found by scanning the stored bytes without decoding the whole
     * properties string; null when absent or empty. {@code nameUtf8} is the property name's bytes.
     */
    public String property(byte[] nameUtf8) {
        int start = propertiesLengthPosition() + 2;
        int end = start + propertiesLength();
        int pair = start;
        while (pair < end) {
            int pairEnd = pair;
            while (pairEnd < end && buf.get(pairEnd) != MessageProperties.PROPERTY_SEPARATOR) {
                pairEnd++;
            }
            int valueStart = pair + nameUtf8.length + 1;
            if (valueStart <= pairEnd && buf.get(pair + nameUtf8.length) == MessageProperties.NAME_VALUE_SEPARATOR
                    && regionEquals(pair, nameUtf8)) {
                return valueStart == pairEnd ? null : string(valueStart, pairEnd - valueStart);
            }
            pair = pairEnd + 1;
        }
        return null;
    }

    /**
     * Finds the values of {@code into}'s names with one scan of the stored properties (the first
     * pair of each name counts, as for {@link #property}); stops once all are found.
     */
    public void locateProperties(PropertyLocations into) {
        int start = propertiesLengthPosition() + 2;
        into.locate(buf, start, start + propertiesLength());
    }

    private boolean regionEquals(int at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (buf.get(at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private String string(int at, int length) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Checks whether a whole, self-consistent record starts at {@code position}, reading nothing
     * at or beyond {@code limit}. Used by recovery (with CRC) and by the dispatcher.
     */
    public Check check(ByteBuffer buffer, int position, int limit, boolean verifyCrc) {
        wrap(buffer, position);
        int available = limit - position;
        if (available < 4) {
            return available <= 0 || allZero(buffer, position, limit) ? Check.EMPTY : Check.CORRUPT;
        }
        int size = totalSize();
        if (size == 0) {
            return available >= RecordLayout.BLANK_SIZE && buffer.getInt(position + RecordLayout.MAGIC) == 0
                    ? Check.EMPTY : (available < RecordLayout.BLANK_SIZE ? Check.EMPTY : Check.CORRUPT);
        }
        if (available < RecordLayout.BLANK_SIZE || size < RecordLayout.BLANK_SIZE || size > available) {
            return Check.CORRUPT;
        }
        int magic = magic();
        if (magic == RecordLayout.MAGIC_BLANK) {
            return size == available ? Check.BLANK : Check.CORRUPT;
        }
        if (magic != RecordLayout.MAGIC_V1 && magic != RecordLayout.MAGIC_V2) {
            return Check.CORRUPT;
        }
        int sysFlag = sysFlag();
        int bodyLengthAt = RecordLayout.bodyLengthPosition(sysFlag);
        if (size < bodyLengthAt + 4) {
            return Check.CORRUPT;
        }
        int bodyLength = bodyLength();
        int fieldSize = topicLengthFieldSize();
        if (bodyLength < 0 || bodyLengthAt + 4L + bodyLength + fieldSize > size) {
            return Check.CORRUPT;
        }
        int topicLength = topicLength();
        if (topicLength == 0 || bodyLengthAt + 4L + bodyLength + fieldSize + topicLength + 2 > size) {
            return Check.CORRUPT;
        }
        int expected = bodyLengthAt + 4 + bodyLength + fieldSize + topicLength + 2 + propertiesLength();
        if (expected != size) {
            return Check.CORRUPT;
        }
        if (physicalOffset() < 0 || queueOffset() < 0 || queueId() < 0) {
            return Check.CORRUPT;
        }
        if (verifyCrc && bodyCrc() != RecordEncoder.bodyCrc(buffer.slice(bodyPosition(), bodyLength))) {
            return Check.CORRUPT;
        }
        return Check.VALID;
    }

    private static boolean allZero(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
