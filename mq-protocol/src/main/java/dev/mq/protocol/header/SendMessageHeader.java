package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.DEFAULT_TOPIC;
import static dev.mq.protocol.header.ExtFields.MAX_RECONSUME_TIMES;
import static dev.mq.protocol.header.ExtFields.PRODUCER_GROUP;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.SYS_FLAG;
import static dev.mq.protocol.header.ExtFields.TOPIC;
import static dev.mq.protocol.header.ExtFields.UNIT_MODE;

/**
 * The header of SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): the same
 * fields, under their long names for SEND_MESSAGE (Apache's SendMessageRequestHeader) and under
 * one letter each, {@code a} to {@code n}, for the other two (SendMessageRequestHeaderV2;
 * {@code remoting-protocol.md} section 3.2). {@link #read} picks the spelling by the code;
 * {@link #writeTo} writes the long names, {@link #writeV2To} the letters.
 *
 * <p>Our broker is more lenient than the protocol: of the fields the protocol requires it only
 * requires the producer group, the topic and the queue id; the others read as the defaults below
 * when absent.
 *
 * @param producerGroup         {@code producerGroup} / {@code a}, R: the sending producer group
 * @param topic                 {@code topic} / {@code b}, R: the topic to store into
 * @param defaultTopic          {@code defaultTopic} / {@code c}, o (R in the protocol): the template topic
 *                              an unknown topic is created from ({@code TBW102}), or null
 * @param defaultTopicQueueNums {@code defaultTopicQueueNums} / {@code d}, o (R in the protocol): queues of
 *                              a topic created on this send; {@code read} defaults it to
 *                              {@value #DEFAULT_TOPIC_QUEUE_NUMS} as our broker does
 * @param queueId               {@code queueId} / {@code e}, R: the queue chosen by the producer (negative:
 *                              the broker picks one)
 * @param sysFlag               {@code sysFlag} / {@code f}, o (R in the protocol): the message sysFlag
 *                              (compression, transaction type); {@code read} defaults it to 0
 * @param bornTimestamp         {@code bornTimestamp} / {@code g}, o (R in the protocol): the producer's clock
 *                              in ms; {@code read} defaults it to 0
 * @param flag                  {@code flag} / {@code h}, o (R in the protocol): the application's
 *                              Message.flag; {@code read} defaults it to 0
 * @param properties            {@code properties} / {@code i}, o: the properties string (name 0x01 value
 *                              0x02 ...), or null
 * @param reconsumeTimes        {@code reconsumeTimes} / {@code j}, o: for a {@code %RETRY%} topic, how often
 *                              the message was consumed before; {@code read} defaults it to 0
 * @param unitMode              {@code unitMode} / {@code k}, o: Apache clients send false; our broker
 *                              ignores it; null when absent
 * @param maxReconsumeTimes     {@code maxReconsumeTimes} / {@code l}, o: for a {@code %RETRY%} topic, the
 *                              retries allowed before the dead-letter queue, or null (the group's setting)
 * @param batch                 {@code batch} / {@code m}, o: the body is a batch; {@code read} makes it true
 *                              for SEND_BATCH_MESSAGE whatever the field says, else false when absent
 * @param brokerName            {@code bname} / {@code n}, o (4.9.5+): the broker the producer meant to
 *                              reach, or null; our broker ignores it
 */
public record SendMessageHeader(String producerGroup, String topic, String defaultTopic, int defaultTopicQueueNums,
                                int queueId, int sysFlag, long bornTimestamp, int flag, String properties,
                                int reconsumeTimes, Boolean unitMode, Integer maxReconsumeTimes, boolean batch,
                                String brokerName) implements CommandHeader {

    /** The queue count of a topic created by a send that does not say. */
    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;

    // SEND_MESSAGE: long names
    private static final String DEFAULT_TOPIC_QUEUE_NUMS_FIELD = "defaultTopicQueueNums";
    private static final String BORN_TIMESTAMP = "bornTimestamp";
    private static final String FLAG = "flag";
    private static final String PROPERTIES = "properties";
    private static final String RECONSUME_TIMES = "reconsumeTimes";
    private static final String BATCH = "batch";

    // SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE: one letter per field, in the order above
    private static final String V2_PRODUCER_GROUP = "a";
    private static final String V2_TOPIC = "b";
    private static final String V2_DEFAULT_TOPIC = "c";
    private static final String V2_DEFAULT_TOPIC_QUEUE_NUMS = "d";
    private static final String V2_QUEUE_ID = "e";
    private static final String V2_SYS_FLAG = "f";
    private static final String V2_BORN_TIMESTAMP = "g";
    private static final String V2_FLAG = "h";
    private static final String V2_PROPERTIES = "i";
    private static final String V2_RECONSUME_TIMES = "j";
    private static final String V2_UNIT_MODE = "k";
    private static final String V2_MAX_RECONSUME_TIMES = "l";
    private static final String V2_BATCH = "m";
    private static final String V2_BROKER_NAME = "n";

    /**
     * The topic of a send request without reading the rest of its header (one map lookup, no
     * allocation), or null if it has none: {@code topic} for SEND_MESSAGE, {@code b} for any other code.
     */
    public static String topicOf(RemotingCommand request) {
        return request.ext(request.code() == RequestCode.SEND_MESSAGE ? TOPIC : V2_TOPIC);
    }

    /**
     * The queue id of a send request without reading the rest of its header, or null if it has none
     * ({@code queueId} for SEND_MESSAGE, {@code e} for any other code).
     */
    public static Integer queueIdOf(RemotingCommand request) {
        return request.extInt(request.code() == RequestCode.SEND_MESSAGE ? QUEUE_ID : V2_QUEUE_ID);
    }

    /**
     * Reads a send request: long names for SEND_MESSAGE, letters for any other code
     * (SEND_MESSAGE_V2, SEND_BATCH_MESSAGE).
     */
    public static SendMessageHeader read(RemotingCommand request) {
        if (request.code() == RequestCode.SEND_MESSAGE) {
            return new SendMessageHeader(
                    request.requireExt(PRODUCER_GROUP),
                    request.requireExt(TOPIC),
                    request.ext(DEFAULT_TOPIC),
                    intOr(request.extInt(DEFAULT_TOPIC_QUEUE_NUMS_FIELD), DEFAULT_TOPIC_QUEUE_NUMS),
                    request.requireExtInt(QUEUE_ID),
                    intOr(request.extInt(SYS_FLAG), 0),
                    longOr(request.extLong(BORN_TIMESTAMP), 0L),
                    intOr(request.extInt(FLAG), 0),
                    request.ext(PROPERTIES),
                    intOr(request.extInt(RECONSUME_TIMES), 0),
                    request.extBoolean(UNIT_MODE),
                    request.extInt(MAX_RECONSUME_TIMES),
                    Boolean.TRUE.equals(request.extBoolean(BATCH)),
                    request.ext(BNAME));
        }
        return new SendMessageHeader(
                request.requireExt(V2_PRODUCER_GROUP),
                request.requireExt(V2_TOPIC),
                request.ext(V2_DEFAULT_TOPIC),
                intOr(request.extInt(V2_DEFAULT_TOPIC_QUEUE_NUMS), DEFAULT_TOPIC_QUEUE_NUMS),
                request.requireExtInt(V2_QUEUE_ID),
                intOr(request.extInt(V2_SYS_FLAG), 0),
                longOr(request.extLong(V2_BORN_TIMESTAMP), 0L),
                intOr(request.extInt(V2_FLAG), 0),
                request.ext(V2_PROPERTIES),
                intOr(request.extInt(V2_RECONSUME_TIMES), 0),
                request.extBoolean(V2_UNIT_MODE),
                request.extInt(V2_MAX_RECONSUME_TIMES),
                request.code() == RequestCode.SEND_BATCH_MESSAGE || Boolean.TRUE.equals(request.extBoolean(V2_BATCH)),
                request.ext(V2_BROKER_NAME));
    }

    /** Writes the long names, for SEND_MESSAGE. */
    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(PRODUCER_GROUP, producerGroup)
                .putExt(TOPIC, topic)
                .putExt(DEFAULT_TOPIC, defaultTopic)
                .putExt(DEFAULT_TOPIC_QUEUE_NUMS_FIELD, defaultTopicQueueNums)
                .putExt(QUEUE_ID, queueId)
                .putExt(SYS_FLAG, sysFlag)
                .putExt(BORN_TIMESTAMP, bornTimestamp)
                .putExt(FLAG, flag)
                .putExt(PROPERTIES, properties)
                .putExt(RECONSUME_TIMES, reconsumeTimes)
                .putExt(UNIT_MODE, unitMode)
                .putExt(MAX_RECONSUME_TIMES, maxReconsumeTimes)
                .putExt(BATCH, batch)
                .putExt(BNAME, brokerName);
    }

    /** Writes the letters {@code a}..{@code n}, for SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE. */
    public void writeV2To(RemotingCommand request) {
        request.putExt(V2_PRODUCER_GROUP, producerGroup)
                .putExt(V2_TOPIC, topic)
                .putExt(V2_DEFAULT_TOPIC, defaultTopic)
                .putExt(V2_DEFAULT_TOPIC_QUEUE_NUMS, defaultTopicQueueNums)
                .putExt(V2_QUEUE_ID, queueId)
                .putExt(V2_SYS_FLAG, sysFlag)
                .putExt(V2_BORN_TIMESTAMP, bornTimestamp)
                .putExt(V2_FLAG, flag)
                .putExt(V2_PROPERTIES, properties)
                .putExt(V2_RECONSUME_TIMES, reconsumeTimes)
                .putExt(V2_UNIT_MODE, unitMode)
                .putExt(V2_MAX_RECONSUME_TIMES, maxReconsumeTimes)
                .putExt(V2_BATCH, batch)
                .putExt(V2_BROKER_NAME, brokerName);
    }

    private static int intOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static long longOr(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
