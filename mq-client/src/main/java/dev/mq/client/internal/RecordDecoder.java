package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.PropertyLocations;
import dev.mq.message.record.RecordView;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns stored records ({@code remoting-protocol.md} section 4.1) into {@link ReceivedMessage}s: the
 * bodies of PULL_MESSAGE, QUERY_MESSAGE and VIEW_MESSAGE_BY_ID answers (records one after another)
 * and of CHECK_TRANSACTION_STATE requests (one record). Bodies are decompressed, the topic of a
 * message stored in a retry topic is restored from RETRY_TOPIC (a dead letter keeps its
 * {@code %DLQ%} topic; its origin is in DLQ_ORIGIN_TOPIC), and the offset message id is computed from the store host and
 * the commit-log offset.
 */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /**
     * Decodes every record of {@code body}.
     *
     * @throws MqClientException when a record is truncated or malformed (naming its position), or its
     *                           body cannot be decompressed
     */
    public static List<ReceivedMessage> decodeAll(byte[] body) {
        return decodeAll(body, null);
    }

    /**
     * Decodes every record of {@code body}, read from broker {@code brokerName} (null when not known).
     * Cheap per record: the properties are parsed into maps only when a caller asks for them; the
     * message id, tags, keys and original topic are read in one scan of the stored bytes; topic names,
     * the store host's part of the offset message id and born and store times of the same millisecond
     * are reused from the record before.
     *
     * @throws MqClientException when a record is truncated or malformed (naming its position), or its
     *                           body cannot be decompressed
     */
    public static List<ReceivedMessage> decodeAll(byte[] body, String brokerName) {
        return body == null ? List.of() : decodeAll(ByteBuffer.wrap(body), brokerName);
    }

    /**
     * Decodes every record in {@code records} from index 0 to its limit (its position is ignored),
     * read from broker {@code brokerName} (null when not known), as {@link #decodeAll(byte[], String)}
     * does. The buffer may be a heap or a direct one (a view of the received frame: no copy of the
     * whole body is needed); the messages copy what they keep out of it (each body once), so the
     * buffer may be released as soon as this returns.
     *
     * @throws MqClientException when a record is truncated or malformed (naming its position), or its
     *                           body cannot be decompressed
     */
    public static List<ReceivedMessage> decodeAll(ByteBuffer records, String brokerName) {
        if (records == null || records.limit() == 0) {
            return List.of();
        }
        int length = records.limit();
        Decoding decoding = new Decoding(records, brokerName);
        List<ReceivedMessage> messages = new ArrayList<>(Math.max(4, length / 512));
        int position = 0;
        while (position < length) {
            RecordView.Check check = decoding.view.check(records, position, length, false);
            if (check != RecordView.Check.VALID) {
                throw new MqClientException("the record at byte " + position + " of a " + length
                        + "-byte message body is " + check.name().toLowerCase() + " (not a whole stored message)");
            }
            messages.add(decoding.decode(position));
            position += decoding.view.totalSize();
        }
        return messages;
    }

    /**
     * Decodes the one record of {@code body} (a check-back's message).
     *
     * @throws MqClientException when the body is not exactly one whole record
     */
    public static ReceivedMessage decodeOne(byte[] body) {
        List<ReceivedMessage> messages = decodeAll(body);
        if (messages.size() != 1) {
            throw new MqClientException("expected one stored message, found " + messages.size());
        }
        return messages.get(0);
    }

    /**
     * The state of one {@link #decodeAll} call: the view, what the record before had, and scratch
     * arrays reused from record to record.
     */
    private static final class Decoding {

        private static final int UNIQ_KEY = 0;
        private static final int TAGS = 1;
        private static final int KEYS = 2;
        private static final int RETRY_TOPIC = 3;
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);
        /** STOREHOST of IPv6: address and port. */
        private static final int MAX_HOST_LENGTH = 16 + 4;

        final RecordView view = new RecordView();
        private final ByteBuffer buffer;
        private final String brokerName;
        private final PropertyLocations locations = new PropertyLocations(PropertyNames.UNIQ_KEY, PropertyNames.TAGS,
                PropertyNames.KEYS, PropertyNames.RETRY_TOPIC);
        private byte[] topicBytes;
        private String topic;
        private int hostLength;
        private final byte[] host = new byte[MAX_HOST_LENGTH];
        private final byte[] hostRead = new byte[MAX_HOST_LENGTH];
        /** The offset message id being built: the host's hex (kept while the host is the same), then the offset's. */
        private final byte[] id = new byte[2 * MAX_HOST_LENGTH + 16];
        private long bornMillis = Long.MIN_VALUE;
        private Instant born;
        private long storedMillis = Long.MIN_VALUE;
        private Instant stored;
        /**
         * The current record's properties in a heap buffer, where they are scanned and turned into
         * text: {@link #buffer} itself when it is a heap buffer, else a copy in {@link #propertiesCopy}
         * (scanning a direct buffer byte by byte costs several times more).
         */
        private ByteBuffer properties;
        private ByteBuffer propertiesCopy = ByteBuffer.allocate(256);

        Decoding(ByteBuffer buffer, String brokerName) {
            this.buffer = buffer;
            this.brokerName = brokerName;
        }

        ReceivedMessage decode(int position) {
            view.wrap(buffer, position);
            int sysFlag = view.sysFlag();
            long commitLogOffset = view.physicalOffset();
            String offsetMessageId = offsetMessageId(position, sysFlag, commitLogOffset);
            String storedTopic = topic();
            int propertiesEnd = position + view.totalSize();
            int propertiesStart = propertiesEnd - view.propertiesLength();
            String propertiesText = locateProperties(propertiesStart, propertiesEnd);
            String retryTopic = TopicNames.isRetry(storedTopic) ? value(RETRY_TOPIC) : null;
            String uniqueKey = value(UNIQ_KEY);
            String keys = value(KEYS);
            LazyProperties lazyProperties = new LazyProperties(propertiesText);
            return new ReceivedMessage(
                    uniqueKey != null ? uniqueKey : offsetMessageId,
                    offsetMessageId,
                    retryTopic != null ? retryTopic : storedTopic,
                    value(TAGS),
                    keys == null ? List.of() : splitKeys(keys),
                    lazyProperties.user(),
                    lazyProperties.system(),
                    Compression.decompress(view.body(), sysFlag),
                    view.queueId(),
                    view.queueOffset(),
                    commitLogOffset,
                    bornTimestamp(view.bornTimestamp()),
                    storeTimestamp(view.storeTimestamp()),
                    view.reconsumeTimes(),
                    storedTopic,
                    brokerName);
        }

        /**
         * Locates the wanted properties in {@code [from, to)} of the buffer (copied to the heap first
         * if the buffer is direct) and returns the whole properties text.
         */
        private String locateProperties(int from, int to) {
            int length = to - from;
            if (buffer.hasArray()) {
                properties = buffer;
                locations.locate(buffer, from, to);
                return text(from, to);
            }
            if (propertiesCopy.capacity() < length) {
                propertiesCopy = ByteBuffer.allocate(Math.max(length, 2 * propertiesCopy.capacity()));
            }
            buffer.get(from, propertiesCopy.array(), 0, length);
            properties = propertiesCopy;
            locations.locate(propertiesCopy, 0, length);
            return text(0, length);
        }

        /** The value of a located property, null when absent or empty (as {@code PropertyLocations.value}). */
        private String value(int slot) {
            return locations.present(slot) ? text(locations.start(slot), locations.end(slot)) : null;
        }

        /** UTF-8 text of {@code [from, to)} of {@link #properties}, decoded straight from its array. */
        private String text(int from, int to) {
            return new String(properties.array(), properties.arrayOffset() + from, to - from, StandardCharsets.UTF_8);
        }

        /** The topic, the same String as the record before's when the bytes are the same. */
        private String topic() {
            if (topicBytes == null || !view.topicEquals(topicBytes)) {
                topic = view.topic();
                topicBytes = topic.getBytes(StandardCharsets.UTF_8);
            }
            return topic;
        }

        /** The born time; the record before's Instant when the same millisecond (Instants are values). */
        private Instant bornTimestamp(long millis) {
            if (millis != bornMillis) {
                born = Instant.ofEpochMilli(millis);
                bornMillis = millis;
            }
            return born;
        }

        /** The store time; the record before's Instant when the same millisecond. */
        private Instant storeTimestamp(long millis) {
            if (millis != storedMillis) {
                stored = Instant.ofEpochMilli(millis);
                storedMillis = millis;
            }
            return stored;
        }

        /**
         * Hex of STOREHOST (address, port) and the commit-log offset; the host's hex is kept in
         * {@link #id} while the host is the same as the record before's.
         */
        private String offsetMessageId(int position, int sysFlag, long commitLogOffset) {
            int length = ((sysFlag & MessageSysFlag.STORE_HOST_V6) != 0 ? 16 : 4) + 4;
            buffer.get(position + RecordLayout.storeHostPosition(sysFlag), hostRead, 0, length);
            if (length != hostLength || !Arrays.equals(hostRead, 0, length, host, 0, length)) {
                System.arraycopy(hostRead, 0, host, 0, length);
                hostLength = length;
                for (int i = 0; i < length; i++) {
                    id[2 * i] = HEX[(host[i] >> 4) & 0xF];
                    id[2 * i + 1] = HEX[host[i] & 0xF];
                }
            }
            int at = 2 * hostLength;
            for (int i = 0; i < 16; i++) {
                id[at + i] = HEX[(int) (commitLogOffset >>> (60 - 4 * i)) & 0xF];
            }
            return new String(id, 0, at + 16, StandardCharsets.ISO_8859_1);
        }

        private static List<String> splitKeys(String keys) {
            if (keys.indexOf(' ') < 0) {
                return List.of(keys);
            }
            return Arrays.stream(keys.split(" ")).filter(key -> !key.isEmpty()).toList();
        }
    }

}
