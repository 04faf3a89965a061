package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;

import static dev.mq.protocol.header.ExtFields.BNAME;
import static dev.mq.protocol.header.ExtFields.COMMIT_OFFSET;
import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.QUEUE_ID;
import static dev.mq.protocol.header.ExtFields.QUEUE_OFFSET;
import static dev.mq.protocol.header.ExtFields.SYS_FLAG;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of a PULL_MESSAGE (11) or LITE_PULL_MESSAGE (361) request (Apache's
 * PullMessageRequestHeader, {@code remoting-protocol.md} section 3.3). The required fields are
 * checked when read (a missing or non-numeric one fails with {@link RemotingCommandException},
 * naming the field); the optional ones are null when absent.
 *
 * @param consumerGroup        {@code consumerGroup}, R: the pulling group
 * @param topic                {@code topic}, R: the topic pulled
 * @param queueId              {@code queueId}, R: the queue pulled
 * @param queueOffset          {@code queueOffset}, R: the first queue offset wanted
 * @param maxMsgNums           {@code maxMsgNums}, R: at most this many messages; {@code read} makes
 *                             a value below 1 into 1
 * @param sysFlag              {@code sysFlag}, R: {@link #FLAG_COMMIT_OFFSET}, {@link #FLAG_SUSPEND},
 *                             {@link #FLAG_SUBSCRIPTION}, {@link #FLAG_LITE_PULL}
 * @param commitOffset         {@code commitOffset}, o (R in the protocol; Apache clients send 0 when
 *                             {@link #FLAG_COMMIT_OFFSET} is clear): the group's consumed offset to
 *                             commit with this pull, or null
 * @param suspendTimeoutMillis {@code suspendTimeoutMillis}, o (R in the protocol): how long the broker
 *                             may hold a pull that finds nothing, or null
 * @param maxMsgBytes          {@code maxMsgBytes}, o (5.x): at most this many bytes of messages, or null
 * @param subscription         {@code subscription}, o: the subscription expression sent with the pull
 *                             (with {@link #FLAG_SUBSCRIPTION}), or null
 * @param expressionType       {@code expressionType}, o: its type ({@code TAG}, {@code SQL92}), or null
 * @param subVersion           {@code subVersion}, o (R in the protocol; our broker ignores it): the
 *                             subscription version from the heartbeat, a ms timestamp; lite pulls send 0
 * @param brokerName           {@code bname}, o: the broker the client meant to reach, or null
 */
public record PullMessageHeader(String consumerGroup, String topic, int queueId, long queueOffset, int maxMsgNums,
                                int sysFlag, Long commitOffset, Long suspendTimeoutMillis, Integer maxMsgBytes,
                                String subscription, String expressionType, Long subVersion, String brokerName)
        implements CommandHeader {

    /** sysFlag: commit {@link #commitOffset()} for the group. */
    public static final int FLAG_COMMIT_OFFSET = 0x1;
    /** sysFlag: the broker may hold the pull until a message arrives or the suspend time runs out. */
    public static final int FLAG_SUSPEND = 0x2;
    /** sysFlag: the pull carries its subscription expression. */
    public static final int FLAG_SUBSCRIPTION = 0x4;
    /** sysFlag: the pull comes from a 5.x lite pull consumer (sent with SUSPEND and SUBSCRIPTION: 22). */
    public static final int FLAG_LITE_PULL = 0x10;

    private static final String MAX_MSG_NUMS = "maxMsgNums";
    private static final String SUSPEND_TIMEOUT_MILLIS = "suspendTimeoutMillis";
    private static final String MAX_MSG_BYTES = "maxMsgBytes";
    private static final String SUBSCRIPTION = "subscription";
    private static final String EXPRESSION_TYPE = "expressionType";
    private static final String SUB_VERSION = "subVersion";

    /** The topic of a pull request without reading the rest of its header (one map lookup), or null. */
    public static String topicOf(RemotingCommand request) {
        return request.ext(TOPIC);
    }

    /** The consumer group of a pull request without reading the rest of the header (statistics). */
    public static String groupOf(RemotingCommand request) {
        return request.ext(CONSUMER_GROUP);
    }

    /** Reads the header of a PULL_MESSAGE (or LITE_PULL_MESSAGE) request. */
    public static PullMessageHeader read(RemotingCommand request) {
        return new PullMessageHeader(
                request.requireExt(CONSUMER_GROUP),
                request.requireExt(TOPIC),
                request.requireExtInt(QUEUE_ID),
                request.requireExtLong(QUEUE_OFFSET),
                Math.max(1, request.requireExtInt(MAX_MSG_NUMS)),
                request.requireExtInt(SYS_FLAG),
                request.extLong(COMMIT_OFFSET),
                request.extLong(SUSPEND_TIMEOUT_MILLIS),
                request.extInt(MAX_MSG_BYTES),
                request.ext(SUBSCRIPTION),
                request.ext(EXPRESSION_TYPE),
                request.extLong(SUB_VERSION),
                request.ext(BNAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CONSUMER_GROUP, consumerGroup)
                .putExt(TOPIC, topic)
                .putExt(QUEUE_ID, queueId)
                .putExt(QUEUE_OFFSET, queueOffset)
                .putExt(MAX_MSG_NUMS, maxMsgNums)
                .putExt(SYS_FLAG, sysFlag)
                .putExt(COMMIT_OFFSET, commitOffset)
                .putExt(SUSPEND_TIMEOUT_MILLIS, suspendTimeoutMillis)
                .putExt(MAX_MSG_BYTES, maxMsgBytes)
                .putExt(SUBSCRIPTION, subscription)
                .putExt(EXPRESSION_TYPE, expressionType)
                .putExt(SUB_VERSION, subVersion)
                .putExt(BNAME, brokerName);
    }

    /** Whether sysFlag has all bits of {@code flag}. */
    public boolean has(int flag) {
        return (sysFlag & flag) == flag;
    }
}
