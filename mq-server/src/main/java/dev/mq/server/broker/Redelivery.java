package dev.mq.server.broker;

import dev.mq.message.MessageProperties;
import dev.mq.message.MessageSysFlag;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordLayout;
import dev.mq.message.record.RecordView;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Map;

/** Builds the messages that delays, retries and dead letters store from earlier ones. */
final class Redelivery {

    private Redelivery() {
    }

    /**
     * {@code message} parked in the schedule topic's queue for {@code level}, remembering its
     * destination in REAL_TOPIC and REAL_QID.
     */
    static AppendMessage scheduled(AppendMessage message, int level) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(PropertyNames.REAL_TOPIC, message.topic());
        properties.put(PropertyNames.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(PropertyNames.DELAY, Integer.toString(level));
        return new AppendMessage(TopicNames.SCHEDULE_TOPIC, level - 1, message.flag(), message.sysFlag(),
                message.bornTimestamp(), message.bornHost(), message.reconsumeTimes(),
                message.preparedTransactionOffset(), message.body(), MessageProperties.format(properties));
    }

    /**
     * A copy of the stored {@code record} (body, flag, sysFlag, born time and host kept) for
     * {@code topic}/{@code queueId} with other properties and re-consume count.
     */
    static AppendMessage copy(ByteBuffer record, String topic, int queueId, int reconsumeTimes, String properties) {
        RecordView view = new RecordView().wrap(record, record.position());
        int sysFlag = view.sysFlag();
        return new AppendMessage(topic, queueId, view.flag(), sysFlag, view.bornTimestamp(),
                bornHost(record, record.position(), sysFlag), reconsumeTimes, 0L, view.body(), properties);
    }

    private static InetSocketAddress bornHost(ByteBuffer record, int start, int sysFlag) {
        boolean ipv6 = (sysFlag & MessageSysFlag.BORN_HOST_V6) != 0;
        byte[] address = new byte[ipv6 ? 16 : 4];
        record.get(start + RecordLayout.BORN_HOST, address);
        int port = record.getInt(start + RecordLayout.BORN_HOST + address.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored born host has " + address.length + " bytes", e);
        }
    }
}
