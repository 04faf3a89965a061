package dev.mq.server.broker.offset;

import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.ConsumerOffsets;
import dev.mq.store.BoundaryType;
import dev.mq.store.MessageStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a consumer group's offsets go when an operator resets them (INVOKE_BROKER_TO_RESET_OFFSET):
 * per queue, the offset of the first message stored at or after a time, or the queue's end
 * ("skip backlog") for a negative time, or one queue to an explicit offset.
 *
 * @param topic     the topic whose queues are reset
 * @param group     the consumer group
 * @param timestamp store time in ms; negative: the end of each queue (its max offset)
 * @param force     true: always move; false: only move back (a target beyond the committed offset
 *                  leaves it), as Apache's {@code isForce}; an explicit offset always applies
 * @param queueId   negative: every readable queue; else only this queue
 * @param offset    for one queue, an explicit target offset instead of the time (null: use the time)
 */
record OffsetReset(String topic, String group, long timestamp, boolean force, int queueId, Long offset) {

    /**
     * The new offset of every affected queue, computed from the store and the group's committed
     * offsets (nothing is changed here).
     *
     * @throws IllegalArgumentException when the queue or the explicit offset is outside the topic
     */
    Map<Integer, Long> targets(MessageStore store, ConsumerOffsets committed, TopicConfig config) {
        Map<Integer, Long> targets = new TreeMap<>();
        if (queueId >= 0) {
            if (queueId >= config.readQueueNums()) {
                throw new IllegalArgumentException("queue " + queueId + " does not exist: topic " + topic + " has "
                        + config.readQueueNums() + " read queues");
            }
            targets.put(queueId, target(store, committed, queueId));
        } else {
            for (int id = 0; id < config.readQueueNums(); id++) {
                targets.put(id, target(store, committed, id));
            }
        }
        return targets;
    }

    private long target(MessageStore store, ConsumerOffsets committed, int id) {
        long min = store.minOffset(topic, id);
        long max = store.maxOffset(topic, id);
        long wanted;
        if (offset != null && offset >= 0) {
            if (offset < min || offset > max) {
                throw new IllegalArgumentException("offset " + offset + " is outside queue " + id + " of " + topic
                        + " [" + min + ", " + max + "]");
            }
            wanted = offset;
        } else if (timestamp < 0) {
            wanted = max;
        } else {
            wanted = store.offsetByTime(topic, id, timestamp, BoundaryType.LOWER);
        }
        long current = committed.query(group, topic, id);
        boolean explicit = offset != null && offset >= 0;
        return force || explicit || current < 0 || wanted < current ? wanted : current;
    }

    /**
     * The ResetOffsetBody JSON Apache's clients and admin tools parse: {@code {"offsetTable":{<queue>:<offset>}}}
     * with a message queue object as the key (fastjson reads it; standard JSON writers cannot write it).
     */
    static byte[] body(String brokerName, String topic, Map<Integer, Long> offsets) {
        StringBuilder json = new StringBuilder("{\"offsetTable\":{");
        boolean first = true;
        for (Map.Entry<Integer, Long> entry : offsets.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"brokerName\":").append(string(brokerName)).append(",\"queueId\":").append(entry.getKey())
                    .append(",\"topic\":").append(string(topic)).append("}:").append(entry.getValue());
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String string(String value) {
        return new String(RemotingJson.encode(value), StandardCharsets.UTF_8);
    }
}
