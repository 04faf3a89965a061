package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.TOPIC_SYS_FLAG;

/**
 * The header of a PULL_MESSAGE / LITE_PULL_MESSAGE response with code SUCCESS (0), PULL_NOT_FOUND
 * (19), PULL_RETRY_IMMEDIATELY (20) or PULL_OFFSET_MOVED (21) (Apache's PullMessageResponseHeader,
 * {@code remoting-protocol.md} section 3.3). Other codes carry no header.
 *
 * @param suggestWhichBrokerId {@code suggestWhichBrokerId}, R: broker id to pull from next time (0 = master)
 * @param nextBeginOffset      {@code nextBeginOffset}, R: the queue offset of the client's next pull
 * @param minOffset            {@code minOffset}, R: the queue's min logical offset
 * @param maxOffset            {@code maxOffset}, R: the queue's max logical offset (the next to be written)
 * @param offsetDelta          {@code offsetDelta}, o (5.x static topics): or null; our broker never sends it
 * @param topicSysFlag         {@code topicSysFlag}, o: informational, or null; our broker never sends it
 * @param groupSysFlag         {@code groupSysFlag}, o: informational, or null; our broker never sends it
 * @param forbiddenType        {@code forbiddenType}, o: why a NO_PERMISSION pull was refused, or null;
 *                             our broker never sends it
 */
public record PullMessageResponseHeader(long suggestWhichBrokerId, long nextBeginOffset, long minOffset,
                                        long maxOffset, Long offsetDelta, Integer topicSysFlag, Integer groupSysFlag,
                                        Integer forbiddenType) implements CommandHeader {

    private static final String SUGGEST_WHICH_BROKER_ID = "suggestWhichBrokerId";
    private static final String NEXT_BEGIN_OFFSET = "nextBeginOffset";
    private static final String MIN_OFFSET = "minOffset";
    private static final String MAX_OFFSET = "maxOffset";
    private static final String OFFSET_DELTA = "offsetDelta";
    private static final String GROUP_SYS_FLAG = "groupSysFlag";
    private static final String FORBIDDEN_TYPE = "forbiddenType";

    /** The four required fields, as our broker answers every pull; the optional ones null. */
    public static PullMessageResponseHeader of(long suggestWhichBrokerId, long nextBeginOffset, long minOffset,
                                               long maxOffset) {
        return new PullMessageResponseHeader(suggestWhichBrokerId, nextBeginOffset, minOffset, maxOffset, null, null,
                null, null);
    }

    /** Reads the header of a pull response (codes 0, 19, 20, 21). */
    public static PullMessageResponseHeader read(RemotingCommand response) {
        return new PullMessageResponseHeader(
                response.requireExtLong(SUGGEST_WHICH_BROKER_ID),
                response.requireExtLong(NEXT_BEGIN_OFFSET),
                response.requireExtLong(MIN_OFFSET),
                response.requireExtLong(MAX_OFFSET),
                response.extLong(OFFSET_DELTA),
                response.extInt(TOPIC_SYS_FLAG),
                response.extInt(GROUP_SYS_FLAG),
                response.extInt(FORBIDDEN_TYPE));
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(SUGGEST_WHICH_BROKER_ID, suggestWhichBrokerId)
                .putExt(NEXT_BEGIN_OFFSET, nextBeginOffset)
                .putExt(MIN_OFFSET, minOffset)
                .putExt(MAX_OFFSET, maxOffset)
                .putExt(OFFSET_DELTA, offsetDelta)
                .putExt(TOPIC_SYS_FLAG, topicSysFlag)
                .putExt(GROUP_SYS_FLAG, groupSysFlag)
                .putExt(FORBIDDEN_TYPE, forbiddenType);
    }
}
