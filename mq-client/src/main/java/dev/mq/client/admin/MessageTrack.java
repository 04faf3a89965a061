package dev.mq.client.admin;

/**
 * Whether one consumer group got one message, from the group's committed offset on the message's
 * queue.
 *
 * @param group  the consumer group
 * @param status what is known
 * @param detail why, in words (offsets compared, or what could not be asked)
 */
public record MessageTrack(String group, Status status, String detail) {

    /** Delivery status of a message for a group. */
    public enum Status {
        /** The group's committed offset is past the message. */
        CONSUMED,
        /** The group is online and has not committed past the message yet. */
        NOT_CONSUMED_YET,
        /** The group's subscription does not take the message's tag: it will skip it. */
        FILTERED,
        /** No client of the group is online and its committed offset is not past the message. */
        NOT_ONLINE,
        /** It cannot be told (broadcasting group, broker not answering...); see the detail. */
        UNKNOWN
    }
}
