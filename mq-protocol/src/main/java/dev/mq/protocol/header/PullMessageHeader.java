package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;

/**
 * The ext fields of a PULL_MESSAGE request, as a broker reads them: the required ones are checked
 * when read (a missing or non-numeric one fails with {@link RemotingCommandException}, naming the
 * field), the optional ones are null when absent. Field names and flag bits as in
 * {@code remoting-protocol.md} (PullMessageRequestHeader).
 *
 * @param consumerGroup        the pulling group
 * @param topic                the topic pulled
 * @param queueId              the queue pulled
 * @param queueOffset          the first queue offset wanted
 * @param maxMsgNums           at most this many messages; at least 1 (a smaller value reads as 1)
 * @param sysFlag              {@link #FLAG_COMMIT_OFFSET}, {@link #FLAG_SUSPEND}, {@link #FLAG_SUBSCRIPTION}, ...
 * @param commitOffset         the group's consumed offset to commit with this pull, or null
 * @param suspendTimeoutMillis how long the broker may hold a pull that finds nothing, or null
 * @param maxMsgBytes          at most this many bytes of messages, or null
 * @param subscription         the subscription expression sent with the pull, or null
 * @param expressionType       its type (TAG, SQL92), or null
 */
public record PullMessageHeader(String consumerGroup, String topic, int queueId, long queueOffset, int maxMsgNums,
                                int sysFlag, Long commitOffset, Long suspendTimeoutMillis, Integer maxMsgBytes,
                                String subscription, String expressionType) {

    /** sysFlag: commit {@link #commitOffset()} for the group. */
    public static final int FLAG_COMMIT_OFFSET = 0x1;
    /** sysFlag: the broker may hold the pull until a message arrives or the suspend time runs out. */
    public static final int FLAG_SUSPEND = 0x2;
    /** sysFlag: the pull carries its subscription expression. */
    public static final int FLAG_SUBSCRIPTION = 0x4;

    /** Reads the header of a PULL_MESSAGE (or LITE_PULL_MESSAGE) request. */
    public static PullMessageHeader read(RemotingCommand request) {
        return new PullMessageHeader(
                request.requireExt("consumerGroup"),
                request.requireExt("topic"),
                request.requireExtInt("queueId"),
                request.requireExtLong("queueOffset"),
                Math.max(1, request.requireExtInt("maxMsgNums")),
                request.requireExtInt("sysFlag"),
                request.extLong("commitOffset"),
                request.extLong("suspendTimeoutMillis"),
                request.extInt("maxMsgBytes"),
                request.ext("subscription"),
                request.ext("expressionType"));
    }

    /** Whether sysFlag has all bits of {@code flag}. */
    public boolean has(int flag) {
        return (sysFlag & flag) == flag;
    }
}
