package dev.mq.client.admin;

import java.util.Set;

/**
 * What a consumer group reads from one topic.
 *
 * @param topic          the topic
 * @param expression     the filter expression, e.g. {@code *} or {@code TagA || TagB}
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param tags           the tags of a TAG expression (empty for {@code *})
 */
public record Subscription(String topic, String expression, String expressionType, Set<String> tags) {

    /** Makes {@code tags} an unmodifiable copy. */
    public Subscription {
        tags = Set.copyOf(tags);
    }

    /**
     * Whether a message with this tag passes the subscription: always for {@code *} or an empty
     * expression; for a TAG expression when the tag is listed; for other expression types, true (the
     * broker decides, which the client cannot check).
     */
    public boolean accepts(String tag) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return true;
        }
        if (expressionType != null && !expressionType.equals("TAG")) {
            return true;
        }
        return tag != null && tags.contains(tag);
    }
}
