package dev.mq.client.internal;

import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.message.MessageIds;
import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.RecordView;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     *
     * @throws MqClientException when a record is truncated or malformed (naming its position), or its
     *                           body cannot be decompressed
     */
    public static List<ReceivedMessage> decodeAll(byte[] body, String brokerName) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        RecordView view = new RecordView();
        List<ReceivedMessage> messages = new ArrayList<>();
        int position = 0;
        while (position < body.length) {
            RecordView.Check check = view.check(buffer, position, body.length, false);
            if (check != RecordView.Check.VALID) {
                throw new MqClientException("the record at byte " + position + " of a " + body.length
                        + "-byte message body is " + check.name().toLowerCase() + " (not a whole stored message)");
            }
            messages.add(decode(view, buffer, position, brokerName));
            position += view.totalSize();
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

    private static ReceivedMessage decode(RecordView view, ByteBuffer buffer, int position, String brokerName) {
        view.wrap(buffer, position);
        int sysFlag = view.sysFlag();
        long commitLogOffset = view.physicalOffset();
        String offsetMessageId = MessageIds.offsetMessageId(storeHost(buffer, position, sysFlag), commitLogOffset);
        Map<String, String> all = MessageProperties.parse(view.properties());
        Map<String, String> user = new HashMap<>();
        Map<String, String> system = new HashMap<>();
        for (Map.Entry<String, String> property : all.entrySet()) {
            (SystemProperties.isReserved(property.getKey()) ? system : user).put(property.getKey(), property.getValue());
        }
        String storedTopic = view.topic();
        String retryTopic = TopicNames.isRetry(storedTopic) ? all.get(PropertyNames.RETRY_TOPIC) : null;
        String uniqueKey = all.get(PropertyNames.UNIQ_KEY);
        String keys = all.get(PropertyNames.KEYS);
        return new ReceivedMessage(
                uniqueKey != null ? uniqueKey : offsetMessageId,
                offsetMessageId,
                retryTopic != null ? retryTopic : storedTopic,
                all.get(PropertyNames.TAGS),
                keys == null ? List.of() : Arrays.stream(keys.split(" ")).filter(key -> !key.isEmpty()).toList(),
                user,
                system,
                Compression.decompress(view.body(), sysFlag),
                view.queueId(),
                view.queueOffset(),
                commitLogOffset,
                Instant.ofEpochMilli(view.bornTimestamp()),
                Instant.ofEpochMilli(view.storeTimestamp()),
                view.reconsumeTimes(),
                storedTopic,
                brokerName);
    }

    /** STOREHOST of the record at {@code position} (RecordView has no accessor for it). */
    private static InetSocketAddress storeHost(ByteBuffer buffer, int position, int sysFlag) {
        int at = position + RecordLayout.storeHostPosition(sysFlag);
        byte[] address = new byte[(sysFlag & MessageSysFlag.STORE_HOST_V6) != 0 ? 16 : 4];
        buffer.get(at, address);
        int port = buffer.getInt(at + address.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new MqClientException("the stored message at byte " + position + " has a bad store host", e);
        }
    }
}
