package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.GROUP;
import static dev.mq.protocol.header.ExtFields.MAX_RECONSUME_TIMES;
import static dev.mq.protocol.header.ExtFields.OFFSET;
import static dev.mq.protocol.header.ExtFields.UNIT_MODE;

/**
 * The header of CONSUMER_SEND_MSG_BACK (36): a consumer gives a message back for a later retry, or
 * to the dead-letter queue ({@code remoting-protocol.md} section 3.6). The answer has no header.
 *
 * @param offset            {@code offset}, R: the message's commit-log offset (PHYSICALOFFSET of the
 *                          pulled record)
 * @param group             {@code group}, R: the consumer group
 * @param delayLevel        {@code delayLevel}, o (R in the protocol): 0 lets the broker decide, a
 *                          negative level sends the message straight to the dead-letter queue;
 *                          {@code read} defaults it to 0 as our broker does
 * @param originMsgId       {@code originMsgId}, o: the message's UNIQ_KEY as the consumer saw it, or null
 * @param originTopic       {@code originTopic}, o: the topic the consumer pulled it from, or null; our
 *                          broker ignores it
 * @param unitMode          {@code unitMode}, o: Apache clients always send it (false); our broker ignores
 *                          it; null when absent
 * @param maxReconsumeTimes {@code maxReconsumeTimes}, o: retries allowed before the dead-letter queue,
 *                          or null (the group's setting)
 * @param brokerName        {@code bname}, o: the broker the client meant to reach, or null
 */
public record ConsumerSendMsgBackHeader(long offset, String group, int delayLevel, String originMsgId,
                                        String originTopic, Boolean unitMode, Integer maxReconsumeTimes,
                                        String brokerName) implements CommandHeader {

    private static final String DELAY_LEVEL = "delayLevel";
    private static final String ORIGIN_MSG_ID = "originMsgId";
    private static final String ORIGIN_TOPIC = "originTopic";

    /** Reads the header of a CONSUMER_SEND_MSG_BACK request. */
    public static ConsumerSendMsgBackHeader read(RemotingCommand request) {
        Integer delayLevel = request.extInt(DELAY_LEVEL);
        return new ConsumerSendMsgBackHeader(
                request.requireExtLong(OFFSET),
                request.requireExt(GROUP),
                delayLevel == null ? 0 : delayLevel,
                request.ext(ORIGIN_MSG_ID),
                request.ext(ORIGIN_TOPIC),
                request.extBoolean(UNIT_MODE),
                request.extInt(MAX_RECONSUME_TIMES),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(OFFSET, offset)
                .putExt(GROUP, group)
                .putExt(DELAY_LEVEL, delayLevel)
                .putExt(ORIGIN_MSG_ID, originMsgId)
                .putExt(ORIGIN_TOPIC, originTopic)
                .putExt(UNIT_MODE, unitMode)
                .putExt(MAX_RECONSUME_TIMES, maxReconsumeTimes)
                .putExt(BNAME, brokerName);
    }
}
