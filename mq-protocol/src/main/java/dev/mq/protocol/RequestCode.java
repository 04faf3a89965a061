package dev.mq.protocol;

/**
 * Request codes of the remoting protocol ({@code remoting-protocol.md} section 2.1 plus the admin codes
 * this platform serves). The names and values are those of Apache RocketMQ so that logs and
 * tools line up.
 */
public final class RequestCode {

    private RequestCode() {
    }

    // ---- Client to broker: messages ----

    /** Send one message (long header field names). */
    public static final int SEND_MESSAGE = 10;

    /** Pull messages from a queue (push consumers; may be held for long polling). */
    public static final int PULL_MESSAGE = 11;

    /** Query messages by key or unique key within a time range. */
    public static final int QUERY_MESSAGE = 12;

    /** Query the broker's offset (legacy). */
    public static final int QUERY_BROKER_OFFSET = 13;

    /** Read a group's committed offset of a queue. */
    public static final int QUERY_CONSUMER_OFFSET = 14;

    /** Commit a group's offset of a queue (usually oneway). */
    public static final int UPDATE_CONSUMER_OFFSET = 15;

    /** Find the queue offset of the first message stored at or after a time. */
    public static final int SEARCH_OFFSET_BY_TIMESTAMP = 29;

    /** Read a queue's max (next) offset. */
    public static final int GET_MAX_OFFSET = 30;

    /** Read a queue's min offset. */
    public static final int GET_MIN_OFFSET = 31;

    /** Read the store time of a queue's earliest message. */
    public static final int GET_EARLIEST_MSG_STORETIME = 32;

    /** Read one message by its commit-log offset id. */
    public static final int VIEW_MESSAGE_BY_ID = 33;

    /** Client heartbeat: producer and consumer groups with subscriptions. */
    public static final int HEART_BEAT = 34;

    /** A client leaves a producer or consumer group. */
    public static final int UNREGISTER_CLIENT = 35;

    /** A consumer returns a message for retry (or the DLQ). */
    public static final int CONSUMER_SEND_MSG_BACK = 36;

    /** Commit or roll back a half message (oneway). */
    public static final int END_TRANSACTION = 37;

    /** List the client ids of a consumer group. */
    public static final int GET_CONSUMER_LIST_BY_GROUP = 38;

    /** Lock queues for an orderly consumer. */
    public static final int LOCK_BATCH_MQ = 41;

    /** Unlock queues of an orderly consumer. */
    public static final int UNLOCK_BATCH_MQ = 42;

    /** Read all consumer offsets (admin). */
    public static final int GET_ALL_CONSUMER_OFFSET = 43;

    /** Read the delay-level progress (admin). */
    public static final int GET_ALL_DELAY_OFFSET = 45;

    /** Check a subscription's filter expression before use. */
    public static final int CHECK_CLIENT_CONFIG = 46;

    /** Send one message (short header field names a..n). */
    public static final int SEND_MESSAGE_V2 = 310;

    /** Send a batch of messages in one body. */
    public static final int SEND_BATCH_MESSAGE = 320;

    /** Send a reply message (request-reply; long header names). */
    public static final int SEND_REPLY_MESSAGE = 324;

    /** Send a reply message (request-reply; short header names). */
    public static final int SEND_REPLY_MESSAGE_V2 = 325;

    /** Pull messages for a lite pull consumer (5.x). */
    public static final int LITE_PULL_MESSAGE = 361;

    /** Ask the broker for a queue assignment (5.x server-side rebalance). */
    public static final int QUERY_ASSIGNMENT = 400;

    /** Set a group's message request mode (pull or pop). */
    public static final int SET_MESSAGE_REQUEST_MODE = 401;

    /** Pop messages (5.x pop mode; cannot be expressed in a binary header). */
    public static final int POP_MESSAGE = 200050;

    /** Acknowledge a popped message (5.x pop mode). */
    public static final int ACK_MESSAGE = 200051;

    /** Change a popped message's invisible time (5.x pop mode). */
    public static final int CHANGE_MESSAGE_INVISIBLETIME = 200053;

    // ---- Broker to client ----

    /** Ask a producer for the state of a half message (oneway). */
    public static final int CHECK_TRANSACTION_STATE = 39;

    /** Tell the members of a consumer group that membership changed (oneway). */
    public static final int NOTIFY_CONSUMER_IDS_CHANGED = 40;

    /** Tell a consumer to reset its offsets. */
    public static final int RESET_CONSUMER_CLIENT_OFFSET = 220;

    /** Ask a consumer for its offsets. */
    public static final int GET_CONSUMER_STATUS_FROM_CLIENT = 221;

    /** Ask a consumer for its running info (admin through the broker). */
    public static final int GET_CONSUMER_RUNNING_INFO = 307;

    /** Ask a consumer to consume one message directly (admin through the broker). */
    public static final int CONSUME_MESSAGE_DIRECTLY = 309;

    /** Push a reply message to the requesting producer. */
    public static final int PUSH_REPLY_MESSAGE_TO_CLIENT = 326;

    // ---- Admin to broker ----

    /** Create or update a topic. */
    public static final int UPDATE_AND_CREATE_TOPIC = 17;

    /** Read all topic configurations. */
    public static final int GET_ALL_TOPIC_CONFIG = 21;

    /** Update broker configuration. */
    public static final int UPDATE_BROKER_CONFIG = 25;

    /** Read broker configuration. */
    public static final int GET_BROKER_CONFIG = 26;

    /** Read broker runtime statistics. */
    public static final int GET_BROKER_RUNTIME_INFO = 28;

    /** Create or update a subscription group. */
    public static final int UPDATE_AND_CREATE_SUBSCRIPTIONGROUP = 200;

    /** Read all subscription group configurations. */
    public static final int GET_ALL_SUBSCRIPTIONGROUP_CONFIG = 201;

    /** Read per-queue offsets of a topic. */
    public static final int GET_TOPIC_STATS_INFO = 202;

    /** List the connections of a consumer group. */
    public static final int GET_CONSUMER_CONNECTION_LIST = 203;

    /** List the connections of a producer group. */
    public static final int GET_PRODUCER_CONNECTION_LIST = 204;

    /** Delete a subscription group. */
    public static final int DELETE_SUBSCRIPTIONGROUP = 207;

    /** Read a consumer group's progress (backlog) per queue. */
    public static final int GET_CONSUME_STATS = 208;

    /** Delete a topic from a broker. */
    public static final int DELETE_TOPIC_IN_BROKER = 215;

    /** List the consumer groups of a topic. */
    public static final int QUERY_TOPIC_CONSUME_BY_WHO = 300;

    /** Per queue of a topic: store times of the oldest, newest and last consumed message of a group. */
    public static final int QUERY_CONSUME_TIME_SPAN = 303;

    /** List the broker's system topics. */
    public static final int GET_SYSTEM_TOPIC_LIST_FROM_BROKER = 305;

    /** One statistic of the broker (per topic, group or broker) over the last minute, hour and day. */
    public static final int VIEW_BROKER_STATS_DATA = 315;

    /** The progress of every subscription group of the broker. */
    public static final int GET_BROKER_CONSUME_STATS = 317;

    /** Raw entries of one consume queue. */
    public static final int QUERY_CONSUME_QUEUE = 321;

    /** List the topics a consumer group holds offsets for. */
    public static final int QUERY_TOPICS_BY_CONSUMER = 343;

    /** Read one topic configuration. */
    public static final int GET_TOPIC_CONFIG = 351;

    /** Read one subscription group configuration. */
    public static final int GET_SUBSCRIPTIONGROUP_CONFIG = 352;

    /**
     * Reset a group's offsets of a topic to a point in time (or the end with timestamp -1); the
     * broker tells the group's online consumers with {@link #RESET_CONSUMER_CLIENT_OFFSET}.
     */
    public static final int INVOKE_BROKER_TO_RESET_OFFSET = 222;

    // ---- dev.mq extension (admin to broker) ----
    // Codes 10000-10999 are reserved for requests of this platform that Apache RocketMQ does not
    // have. Apache's codes stop at 3010 below 200050 (pop mode), so this block cannot collide.
    // Wire format: docs/admin-extensions.md.

    /** dev.mq extension: list the dead letters of a consumer group, with paging. */
    public static final int LIST_DEAD_LETTERS = 10001;

    /** dev.mq extension: append dead letters of a group to their original topics again. */
    public static final int RESEND_DEAD_LETTERS = 10002;

    // ---- Name server ----

    /** Store a key/value configuration entry. */
    public static final int PUT_KV_CONFIG = 100;

    /** Read a key/value configuration entry. */
    public static final int GET_KV_CONFIG = 101;

    /** Delete a key/value configuration entry. */
    public static final int DELETE_KV_CONFIG = 102;

    /** A broker registers itself and its topics. */
    public static final int REGISTER_BROKER = 103;

    /** A broker unregisters itself. */
    public static final int UNREGISTER_BROKER = 104;

    /** Read the route (queues and brokers) of a topic. */
    public static final int GET_ROUTEINFO_BY_TOPIC = 105;

    /** Read all clusters and brokers. */
    public static final int GET_BROKER_CLUSTER_INFO = 106;

    /** Remove the write permission of a broker's topics. */
    public static final int WIPE_WRITE_PERM_OF_BROKER = 205;

    /** List all topics known to the name server. */
    public static final int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;

    /** Delete a topic's route. */
    public static final int DELETE_TOPIC_IN_NAMESRV = 216;

    /** Register a topic's route. */
    public static final int REGISTER_TOPIC_IN_NAMESRV = 217;

    /** Read every key/value configuration entry of a namespace. */
    public static final int GET_KVLIST_BY_NAMESPACE = 219;

    /** List the topics of a cluster. */
    public static final int GET_TOPICS_BY_CLUSTER = 224;

    /** List the name server's "system topics": cluster and broker names, plus one broker address to ask for more. */
    public static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;

    /** Restore the write permission of a broker's topics. */
    public static final int ADD_WRITE_PERM_OF_BROKER = 327;

    /** Lightweight broker liveness heartbeat (5.x). */
    public static final int BROKER_HEARTBEAT = 904;
}
