package dev.mq.spring;

/**
 * Names of the message headers the starter reads on send and sets on receive. Any other header of
 * a sent {@link org.springframework.messaging.Message} becomes a user property of the message; any
 * user property of a received message becomes a header of the same name.
 */
public final class MqHeaders {

    /** The prefix of every header defined here; user properties should not start with it. */
    public static final String PREFIX = "mq_";

    /** Message keys (indexed by the broker, searchable): a {@code String} or a collection of them. */
    public static final String KEYS = PREFIX + "keys";

    /** The tag of the message; a destination {@code topic:tag} sets it too. */
    public static final String TAGS = PREFIX + "tags";

    /** Deliver after this long: a {@link java.time.Duration} or milliseconds as a number. */
    public static final String DELAY = PREFIX + "delay";

    /** Deliver at this time: an {@link java.time.Instant} or epoch milliseconds as a number. */
    public static final String DELIVER_AT = PREFIX + "deliverAt";

    /** Messages with the same sharding key go to the same queue, in the order they were sent. */
    public static final String SHARDING_KEY = PREFIX + "shardingKey";

    /** Received: the message's unique id (set by the producer). */
    public static final String MESSAGE_ID = PREFIX + "messageId";

    /** Received: the id made of the broker's address and the message's commit-log offset. */
    public static final String OFFSET_MESSAGE_ID = PREFIX + "offsetMessageId";

    /** Received: the topic the message was delivered from. */
    public static final String TOPIC = PREFIX + "topic";

    /** Received: the queue the message was delivered from. */
    public static final String QUEUE_ID = PREFIX + "queueId";

    /** Received: the message's offset in its queue. */
    public static final String QUEUE_OFFSET = PREFIX + "queueOffset";

    /** Received: how many times the message was delivered again after a failure. */
    public static final String RECONSUME_TIMES = PREFIX + "reconsumeTimes";

    /** Received: when the producer created the message, an {@link java.time.Instant}. */
    public static final String BORN_TIME = PREFIX + "bornTime";

    /** Received: when the broker stored the message, an {@link java.time.Instant}. */
    public static final String STORE_TIME = PREFIX + "storeTime";

    /**
     * The body's media type, kept as the user property of this name: {@code application/json} for
     * objects written as JSON, {@code text/plain;charset=UTF-8} for strings,
     * {@code application/octet-stream} for bytes.
     */
    public static final String CONTENT_TYPE = "contentType";

    private MqHeaders() {
    }
}
