package dev.mq.message;

import java.util.List;

/**
 * The names of the system properties a message carries in its properties string
 * ({@link MessageProperties}), in one place for store, server and client. Names and meanings as in
 * {@code remoting-protocol.md} section 4.4; whatever is not listed here is a user property.
 */
public final class PropertyNames {

    // ---- set by producers ----

    /** Business keys, separated by spaces; indexed for query by key. */
    public static final String KEYS = "KEYS";
    /** The message tag; its {@link String#hashCode()} is the consume-queue tag hash. */
    public static final String TAGS = "TAGS";
    /** The client-generated unique message id (what applications see as the message id); indexed for query by id. */
    public static final String UNIQ_KEY = "UNIQ_KEY";
    /** "true" (the default) or "false": whether the producer waits for the store. */
    public static final String WAIT_STORE = "WAIT";
    /** A delay level, 1 being the shortest; set by producers, and by the broker for retries. */
    public static final String DELAY = "DELAY";
    /** The sharding key of an ordered message (informational). */
    public static final String SHARDING_KEY = "__SHARDINGKEY";
    /** "true" on transactional (half) messages. */
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";
    /** The producer group of a transactional message; the broker checks back with that group. */
    public static final String PRODUCER_GROUP = "PGROUP";
    /** Per-message override of the transaction check immunity time, in seconds. */
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";

    // ---- exact-time (timer) delivery, 5.x ----

    /** Deliver this many seconds after the send. */
    public static final String TIMER_DELAY_SEC = "TIMER_DELAY_SEC";
    /** Deliver this many milliseconds after the send. */
    public static final String TIMER_DELAY_MS = "TIMER_DELAY_MS";
    /** Deliver at this epoch millisecond; on a delivered timer message, the time it was due. */
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
    /** Deliver at this epoch millisecond (older and commercial clients). */
    public static final String START_DELIVER_TIME = "__STARTDELIVERTIME";
    /** The due time (epoch ms) of a timer message parked by the broker. */
    public static final String TIMER_OUT_MS = "TIMER_OUT_MS";
    /** The properties a client sets to ask for exact-time delivery, in the order a broker reads them. */
    public static final List<String> TIMER_REQUESTS =
            List.of(TIMER_DELAY_SEC, TIMER_DELAY_MS, TIMER_DELIVER_MS, START_DELIVER_TIME);

    // ---- set by the broker ----

    /** The destination topic of a delayed, timer or half message while it is parked. */
    public static final String REAL_TOPIC = "REAL_TOPIC";
    /** The destination queue of a delayed, timer or half message while it is parked. */
    public static final String REAL_QUEUE_ID = "REAL_QID";
    /** The UNIQ_KEY of a half message, copied by the broker. */
    public static final String TRANSACTION_ID = "__transactionId__";
    /** How often the broker has checked a half message. */
    public static final String TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";

    // ---- retries and dead letters ----

    /** The original topic of a retry message; consumers restore the topic from it. */
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    /** The id of the first delivery of a retried message. */
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    /** The retry count of a retry sent as a plain message (moved into the send header by clients). */
    public static final String RECONSUME_TIME = "RECONSUME_TIME";
    /** The retry limit of a retry sent as a plain message (moved into the send header by clients). */
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    /** The topic a dead letter originally failed on. */
    public static final String DLQ_ORIGIN_TOPIC = "DLQ_ORIGIN_TOPIC";
    /** The id of the message a dead letter was made from. */
    public static final String DLQ_ORIGIN_MESSAGE_ID = "DLQ_ORIGIN_MESSAGE_ID";

    // ---- added by consumers, locally ----

    /** The queue's minimum offset when the message was pulled. */
    public static final String MIN_OFFSET = "MIN_OFFSET";
    /** The queue's maximum offset when the message was pulled. */
    public static final String MAX_OFFSET = "MAX_OFFSET";
    /** When the consumer started processing the message (epoch ms). */
    public static final String CONSUME_START_TIME = "CONSUME_START_TIME";

    private PropertyNames() {
    }
}
