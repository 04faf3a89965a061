package dev.mq.spring.support;

import dev.mq.message.TopicNames;
import dev.mq.message.Validation;

/**
 * A send destination: {@code topic} or {@code topic:tag}, split at the first ':'.
 *
 * @param topic the topic
 * @param tag   the tag, or null when the destination has none
 */
public record Destination(String topic, String tag) {

    /**
     * Parses and checks a destination.
     *
     * @throws IllegalArgumentException naming the problem: no destination, an empty or badly named topic,
     *                                  an empty tag after ':', a tag with "||" or surrounding spaces
     */
    public static Destination parse(String destination) {
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("a destination is required: 'topic' or 'topic:tag'");
        }
        int colon = destination.indexOf(':');
        String topic = colon < 0 ? destination : destination.substring(0, colon);
        Validation valid = TopicNames.checkSendable(topic);
        if (!valid.isValid()) {
            throw new IllegalArgumentException("bad destination '" + destination + "': " + valid.problem());
        }
        if (colon < 0) {
            return new Destination(topic, null);
        }
        String tag = destination.substring(colon + 1);
        checkTag(destination, tag);
        return new Destination(topic, tag);
    }

    /** Checks a tag given by a destination or a header. */
    static void checkTag(String where, String tag) {
        if (tag.isBlank()) {
            throw new IllegalArgumentException("bad destination '" + where + "': the tag after ':' is empty");
        }
        if (!tag.strip().equals(tag)) {
            throw new IllegalArgumentException("bad tag in '" + where + "': it starts or ends with a space");
        }
        if (tag.contains("||")) {
            throw new IllegalArgumentException("bad tag in '" + where
                    + "': '||' separates tags in subscriptions and cannot be part of one");
        }
    }

    @Override
    public String toString() {
        return tag == null ? topic : topic + ":" + tag;
    }
}
