package dev.mq.server.broker.transaction;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordEncoder;
import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.RecordView;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The records of transactional messages: the half message a prepared send stores, the committed
 * copy, the op record that marks a half resolved, the copy parked after too many checks, and the
 * record a check-back carries. Names and layouts follow RocketMQ (remoting-protocol.md 4.4, 4.8, 5.8).
 */
public final class HalfMessages {

    /** Tag of op records ("done"); an op record's body is the half-queue offset it resolves. */
    static final String OP_TAG = "d";

    private HalfMessages() {
    }

    /** Whether a send's sysFlag marks a half (prepared) message. */
    public static boolean isHalf(int sysFlag) {
        return MessageSysFlag.transactionType(sysFlag) == MessageSysFlag.TRANSACTION_PREPARED;
    }


    /**
     * Whether a half send can be stored: halves are single messages, and the official clients strip
     * DELAY from them, so a delay on a half is an error rather than guessed.
     */
    public static Validation checkSendable(boolean batch, int delayLevel) {
        if (batch) {
            return Validation.invalid("transactional (half) messages cannot be sent as a batch");
        }
        if (delayLevel > 0) {
            return Validation.invalid("transactional (half) messages cannot be delayed (remove the DELAY property)");
        }
        return Validation.valid();
    }

    /**
     * The half to store for a prepared send of {@code message}: in {@link TopicNames#TRANSACTION_HALF_TOPIC} queue 0,
     * remembering its destination in REAL_TOPIC/REAL_QID and its UNIQ_KEY in
     * {@value PropertyNames#TRANSACTION_ID}, transaction bits cleared.
     */
    public static AppendMessage toHalf(AppendMessage message) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(PropertyNames.REAL_TOPIC, message.topic());
        properties.put(PropertyNames.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        String uniqueKey = properties.get(PropertyNames.UNIQ_KEY);
        if (uniqueKey != null) {
            properties.put(PropertyNames.TRANSACTION_ID, uniqueKey);
        }
        return new AppendMessage(TopicNames.TRANSACTION_HALF_TOPIC, 0, message.flag(),
                MessageSysFlag.withTransactionType(message.sysFlag(), 0), message.bornTimestamp(),
                message.bornHost(), message.reconsumeTimes(), 0L, message.body(), MessageProperties.format(properties));
    }

    /** The destination of a stored half, or null if it has none (not written by {@link #toHalf}). */
    static Destination destination(Map<String, String> properties) {
        String topic = properties.get(PropertyNames.REAL_TOPIC);
        String queue = properties.get(PropertyNames.REAL_QUEUE_ID);
        if (topic == null || queue == null) {
            return null;
        }
        try {
            int queueId = Integer.parseInt(queue);
            return queueId < 0 ? null : new Destination(topic, queueId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The real topic and queue of a half. */
    record Destination(String topic, int queueId) {
    }

    /**
     * The committed message for the stored half {@code record}: on its real topic and queue with
     * sysFlag COMMIT and PREPAREDTRANSACTIONOFFSET = the half's commit-log offset; same body, flag,
     * born time and host, UNIQ_KEY, keys and tags; the transaction bookkeeping properties removed.
     */
    static AppendMessage committed(ByteBuffer record, Destination destination) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        properties.remove(PropertyNames.TRANSACTION_PREPARED);
        properties.remove(PropertyNames.REAL_TOPIC);
        properties.remove(PropertyNames.REAL_QUEUE_ID);
        properties.remove(PropertyNames.TRANSACTION_CHECK_TIMES);
        AppendMessage copy = AppendMessage.copyOf(record, destination.topic(), destination.queueId(),
                view.reconsumeTimes(), MessageProperties.format(properties));
        return new AppendMessage(copy.topic(), copy.queueId(), copy.flag(),
                MessageSysFlag.withTransactionType(copy.sysFlag(), MessageSysFlag.TRANSACTION_COMMIT),
                copy.bornTimestamp(), copy.bornHost(), copy.reconsumeTimes(), view.physicalOffset(), copy.body(),
                copy.properties());
    }

    /** The stored half {@code record} moved to {@link TopicNames#TRANSACTION_CHECK_MAX_TOPIC} queue 0 after {@code checks} checks. */
    static AppendMessage parked(ByteBuffer record, int checks) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        properties.put(PropertyNames.TRANSACTION_CHECK_TIMES, Integer.toString(checks));
        return AppendMessage.copyOf(record, TopicNames.TRANSACTION_CHECK_MAX_TOPIC, 0, view.reconsumeTimes(),
                MessageProperties.format(properties));
    }

    /** The op record that marks the half at {@code halfQueueOffset} resolved. */
    static AppendMessage operation(long halfQueueOffset, InetSocketAddress storeHost, long now) {
        String properties = MessageProperties.format(Map.of(PropertyNames.TAGS, OP_TAG));
        return new AppendMessage(TopicNames.TRANSACTION_OP_TOPIC, 0, 0, 0, now, storeHost, 0, 0L,
                Long.toString(halfQueueOffset).getBytes(StandardCharsets.UTF_8), properties);
    }

    /**
     * The body of a CHECK_TRANSACTION_STATE for the stored half {@code record}: the half in the
     * stored-record layout with topic and queue set back to REAL_TOPIC/REAL_QID, its own queue
     * offset, commit-log offset and store time (the client derives the offset message id from
     * them), all properties kept and {@value PropertyNames#TRANSACTION_CHECK_TIMES} = {@code checkTimes}.
     */
    static byte[] checkBody(ByteBuffer record, Destination destination, int checkTimes, InetSocketAddress storeHost) {
        RecordView view = new RecordView().wrap(record, record.position());
        Map<String, String> properties = MessageProperties.parse(view.properties());
        properties.put(PropertyNames.TRANSACTION_CHECK_TIMES, Integer.toString(checkTimes));
        AppendMessage copy = AppendMessage.copyOf(record, destination.topic(), destination.queueId(),
                view.reconsumeTimes(), MessageProperties.format(properties));
        byte[] body = RecordEncoder.encode(copy, storeHost);
        ByteBuffer patch = ByteBuffer.wrap(body);
        patch.putLong(RecordLayout.QUEUE_OFFSET, view.queueOffset());
        patch.putLong(RecordLayout.PHYSICAL_OFFSET, view.physicalOffset());
        patch.putLong(RecordLayout.storeTimestampPosition(patch.getInt(RecordLayout.SYS_FLAG)), view.storeTimestamp());
        return body;
    }

    /** The half-queue offsets an op record's body names (comma-separated as 5.x writes them). */
    static long[] resolvedOffsets(byte[] opBody) {
        String text = new String(opBody, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return new long[0];
        }
        String[] parts = text.split(",");
        long[] offsets = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            offsets[i] = Long.parseLong(parts[i].trim());
        }
        return offsets;
    }
}
