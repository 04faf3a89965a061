package dev.mq.message.record;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One message to store, as the broker received it: everything a stored record holds except what
 * the store assigns (queue offset, commit-log offset, store timestamp, store host).
 *
 * @param topic                     topic name, at most {@value RecordLayout#MAX_TOPIC_BYTES} UTF-8 bytes
 * @param queueId                   queue within the topic, &ge; 0
 * @param flag                      the application's message flag
 * @param sysFlag                   the {@link MessageSysFlag} bits the client sent (host bits are set by the encoder)
 * @param bornTimestamp             producer clock, epoch milliseconds
 * @param bornHost                  producer address
 * @param reconsumeTimes            how often this message was already re-delivered
 * @param preparedTransactionOffset commit-log offset of the half message for committed transactions, else 0
 * @param body                      the body exactly as it is to be stored (possibly compressed by the client)
 * @param properties                the properties string ({@link MessageProperties}), may be empty
 */
public record AppendMessage(String topic, int queueId, int flag, int sysFlag, long bornTimestamp,
                            InetSocketAddress bornHost, int reconsumeTimes, long preparedTransactionOffset,
                            byte[] body, String properties) {

    public AppendMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bornHost, "bornHost");
        Objects.requireNonNull(body, "body");
        if (queueId < 0) {
            throw new IllegalArgumentException("queueId must be >= 0 but was " + queueId);
        }
        if (properties == null) {
            properties = "";
        }
    }

    /**
     * A copy of the stored {@code record} (positioned at its start) for another topic and queue: body,
     * flag, sysFlag, born time and born host kept; properties and re-consume count replaced; no
     * prepared-transaction offset. What delays, timers, retries, transactions and dead letters store.
     */
    public static AppendMessage copyOf(ByteBuffer record, String topic, int queueId, int reconsumeTimes,
                                       String properties) {
        RecordView view = new RecordView().wrap(record, record.position());
        return new AppendMessage(topic, queueId, view.flag(), view.sysFlag(), view.bornTimestamp(), view.bornHost(),
                reconsumeTimes, 0L, view.body(), properties);
    }

    /** A message with only the fields most callers care about; hosts are loopback. */
    public static AppendMessage of(String topic, int queueId, byte[] body, String properties, long bornTimestamp) {
        return new AppendMessage(topic, queueId, 0, 0, bornTimestamp, new InetSocketAddress("127.0.0.1", 0), 0, 0L,
                body, properties);
    }
}
