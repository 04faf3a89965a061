package dev.mq.client.internal.consumer;

import dev.mq.client.MqClientException;
import dev.mq.message.TopicNames;
import dev.mq.message.Validation;
import dev.mq.protocol.body.HeartbeatData;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One topic a consumer subscribed to, with its tag expression: {@code *} (every message) or tags
 * separated by {@code ||} ({@code "created || paid"}). Brokers filter by the tags' hash codes; the
 * client checks the tag string again ({@link #matches(String)}), so a hash collision never lets a
 * foreign tag through. Immutable.
 */
public final class Subscription {

    /** The expression that matches every message. */
    public static final String ALL = "*";
    /** The only expression type this client sends (SQL92 filters are not supported). */
    public static final String TYPE_TAG = "TAG";

    private final String topic;
    private final String expression;
    private final Set<String> tags;
    private final Set<Integer> codes;
    private final long version;

    private Subscription(String topic, String expression, Set<String> tags, Set<Integer> codes, long version) {
        this.topic = topic;
        this.expression = expression;
        this.tags = tags;
        this.codes = codes;
        this.version = version;
    }

    /**
     * Parses a subscription.
     *
     * @param expression {@code *}, null or blank for every message, else tags separated by {@code ||}
     * @param version    the subscription version (a ms timestamp), sent in heartbeats
     * @throws MqClientException for a bad topic name, or an expression without a tag
     */
    public static Subscription of(String topic, String expression, long version) {
        if (topic == null || topic.isBlank()) {
            throw new MqClientException("subscribe: the topic name is empty");
        }
        Validation check = TopicNames.checkSendable(topic);
        if (!check.isValid()) {
            throw new MqClientException("subscribe: " + check.problem());
        }
        String trimmed = expression == null ? ALL : expression.trim();
        if (trimmed.isEmpty() || trimmed.equals(ALL)) {
            return new Subscription(topic, ALL, Set.of(), Set.of(), version);
        }
        Set<String> tags = new LinkedHashSet<>();
        Set<Integer> codes = new LinkedHashSet<>();
        for (String part : trimmed.split("\\|\\|")) {
            String tag = part.trim();
            if (tag.equals(ALL)) {
                return new Subscription(topic, ALL, Set.of(), Set.of(), version);
            }
            if (!tag.isEmpty()) {
                tags.add(tag);
                codes.add(tag.hashCode());
            }
        }
        if (tags.isEmpty()) {
            throw new MqClientException("subscribe to " + topic + ": the expression '" + expression
                    + "' names no tag; use '*' for every message or 'TagA || TagB'");
        }
        return new Subscription(topic, trimmed, Set.copyOf(tags), Set.copyOf(codes), version);
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The expression as sent to brokers ({@code *} or the trimmed tag list). */
    public String expression() {
        return expression;
    }

    /** Whether every message matches. */
    public boolean matchesAll() {
        return tags.isEmpty();
    }

    /** The tags, empty for {@code *}. */
    public Set<String> tags() {
        return tags;
    }

    /** The subscription version (a ms timestamp). */
    public long version() {
        return version;
    }

    /** Whether a message with {@code tag} (null: no tag) matches. */
    public boolean matches(String tag) {
        return tags.isEmpty() || (tag != null && tags.contains(tag));
    }

    /** This subscription as heartbeats carry it. */
    public HeartbeatData.SubscriptionData toHeartbeat() {
        return new HeartbeatData.SubscriptionData(topic, expression, tags, codes, version, TYPE_TAG, false);
    }

    @Override
    public String toString() {
        return topic + "(" + expression + ")";
    }
}
