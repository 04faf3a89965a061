package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.body.Permissions;

import static dev.mq.protocol.header.ExtFields.DEFAULT_TOPIC;
import static dev.mq.protocol.header.ExtFields.TOPIC;
import static dev.mq.protocol.header.ExtFields.TOPIC_SYS_FLAG;

/**
 * The header of UPDATE_AND_CREATE_TOPIC (17, admin to broker): create a topic or change its
 * configuration ({@code remoting-protocol.md} section 3.10). The answer has no header.
 *
 * <p>The protocol has Apache's admin tools send every field but {@code attributes} and
 * {@code force}; our broker requires only the topic and the queue counts and defaults the rest.
 *
 * @param topic           {@code topic}, R: the topic
 * @param defaultTopic    {@code defaultTopic}, o: the template topic ({@code TBW102}), or null; our broker
 *                        ignores it
 * @param readQueueNums   {@code readQueueNums}, R: queues consumers read
 * @param writeQueueNums  {@code writeQueueNums}, R: queues producers write
 * @param perm            {@code perm}, o: permission bits ({@link Permissions}); {@code read} defaults it to
 *                        {@link Permissions#READ_WRITE} (6) as our broker does
 * @param topicFilterType {@code topicFilterType}, o: {@code SINGLE_TAG} or {@code MULTI_TAG}, or null
 * @param topicSysFlag    {@code topicSysFlag}, o: topic flag bits; {@code read} defaults it to 0 as our
 *                        broker does
 * @param order           {@code order}, o: an ordered topic; {@code read} defaults it to false as our
 *                        broker does
 * @param attributes      {@code attributes}, o (5.x): topic attributes as Apache's admin encodes them, or
 *                        null; our broker ignores it
 * @param force           {@code force}, o (5.x): or null; our broker ignores it
 */
public record CreateTopicHeader(String topic, String defaultTopic, int readQueueNums, int writeQueueNums, int perm,
                                String topicFilterType, int topicSysFlag, boolean order, String attributes,
                                Boolean force) implements CommandHeader {

    private static final String READ_QUEUE_NUMS = "readQueueNums";
    private static final String WRITE_QUEUE_NUMS = "writeQueueNums";
    private static final String PERM = "perm";
    private static final String TOPIC_FILTER_TYPE = "topicFilterType";
    private static final String ORDER = "order";
    private static final String ATTRIBUTES = "attributes";
    private static final String FORCE = "force";

    /** Reads the header of an UPDATE_AND_CREATE_TOPIC request. */
    public static CreateTopicHeader read(RemotingCommand request) {
        String topic = request.requireExt(TOPIC);
        int read = request.requireExtInt(READ_QUEUE_NUMS);
        int write = request.requireExtInt(WRITE_QUEUE_NUMS);
        Integer perm = request.extInt(PERM);
        Integer sysFlag = request.extInt(TOPIC_SYS_FLAG);
        return new CreateTopicHeader(topic, request.ext(DEFAULT_TOPIC), read, write,
                perm == null ? Permissions.READ_WRITE : perm,
                request.ext(TOPIC_FILTER_TYPE),
                sysFlag == null ? 0 : sysFlag,
                Boolean.TRUE.equals(request.extBoolean(ORDER)),
                request.ext(ATTRIBUTES),
                request.extBoolean(FORCE));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic)
                .putExt(DEFAULT_TOPIC, defaultTopic)
                .putExt(READ_QUEUE_NUMS, readQueueNums)
                .putExt(WRITE_QUEUE_NUMS, writeQueueNums)
                .putExt(PERM, perm)
                .putExt(TOPIC_FILTER_TYPE, topicFilterType)
                .putExt(TOPIC_SYS_FLAG, topicSysFlag)
                .putExt(ORDER, order)
                .putExt(ATTRIBUTES, attributes)
                .putExt(FORCE, force);
    }
}
