package dev.mq.protocol;

/**
 * Response codes of the remoting protocol ({@code remoting-protocol.md} section 2.2), with Apache
 * RocketMQ's names and values. Client-local codes (RPC_*) never travel on the wire and are not listed.
 */
public final class ResponseCode {

    private ResponseCode() {
    }

    /** The request succeeded. */
    public static final int SUCCESS = 0;

    /** The request failed on the server; the remark says why. */
    public static final int SYSTEM_ERROR = 1;

    /** The server is overloaded; retry later. */
    public static final int SYSTEM_BUSY = 2;

    /** The server does not handle this request code. */
    public static final int REQUEST_CODE_NOT_SUPPORTED = 3;

    /** A transaction operation failed. */
    public static final int TRANSACTION_FAILED = 4;

    /** Stored, but the synchronous disk flush timed out. */
    public static final int FLUSH_DISK_TIMEOUT = 10;

    /** Stored, but no slave is available for synchronous replication. */
    public static final int SLAVE_NOT_AVAILABLE = 11;

    /** Stored, but replication to the slave timed out. */
    public static final int FLUSH_SLAVE_TIMEOUT = 12;

    /** The message is invalid (size, properties, topic...). */
    public static final int MESSAGE_ILLEGAL = 13;

    /** The service is not available (e.g. broker not writable). */
    public static final int SERVICE_NOT_AVAILABLE = 14;

    /** The peer's version is not supported. */
    public static final int VERSION_NOT_SUPPORTED = 15;

    /** The topic or broker does not permit the operation. */
    public static final int NO_PERMISSION = 16;

    /** The topic does not exist. */
    public static final int TOPIC_NOT_EXIST = 17;

    /** The topic exists already. */
    public static final int TOPIC_EXIST_ALREADY = 18;

    /** No new message (pull). */
    public static final int PULL_NOT_FOUND = 19;

    /** No matching message; pull again at once. */
    public static final int PULL_RETRY_IMMEDIATELY = 20;

    /** The requested offset is illegal; use the suggested one. */
    public static final int PULL_OFFSET_MOVED = 21;

    /** Nothing found (e.g. no committed offset yet). */
    public static final int QUERY_NOT_FOUND = 22;

    /** The subscription expression cannot be parsed. */
    public static final int SUBSCRIPTION_PARSE_FAILED = 23;

    /** The broker has no subscription for the group and topic. */
    public static final int SUBSCRIPTION_NOT_EXIST = 24;

    /** The subscription version is not the latest. */
    public static final int SUBSCRIPTION_NOT_LATEST = 25;

    /** The subscription group does not exist. */
    public static final int SUBSCRIPTION_GROUP_NOT_EXIST = 26;

    /** Filter data does not exist. */
    public static final int FILTER_DATA_NOT_EXIST = 27;

    /** Filter data is not the latest. */
    public static final int FILTER_DATA_NOT_LATEST = 28;

    /** A request parameter is invalid. */
    public static final int INVALID_PARAMETER = 29;

    /** The transaction should be committed. */
    public static final int TRANSACTION_SHOULD_COMMIT = 200;

    /** The transaction should be rolled back. */
    public static final int TRANSACTION_SHOULD_ROLLBACK = 201;

    /** The transaction state is unknown (Apache spelling). */
    public static final int TRANSACTION_STATE_UNKNOW = 202;

    /** The transaction belongs to another producer group. */
    public static final int TRANSACTION_STATE_GROUP_WRONG = 203;

    /** No buyer id (unit routing). */
    public static final int NO_BUYER_ID = 204;

    /** Not in the current unit (unit routing). */
    public static final int NOT_IN_CURRENT_UNIT = 205;

    /** The consumer is not connected. */
    public static final int CONSUMER_NOT_ONLINE = 206;

    /** Direct consumption timed out. */
    public static final int CONSUME_MSG_TIMEOUT = 207;

    /** No message. */
    public static final int NO_MESSAGE = 208;

    /** Too many pop requests are waiting (pop mode). */
    public static final int POLLING_FULL = 209;

    /** A pop request timed out (pop mode). */
    public static final int POLLING_TIMEOUT = 210;

    /** Flow control: retry shortly. */
    public static final int FLOW_CONTROL = 215;

    /** This broker does not lead the queue. */
    public static final int NOT_LEADER_FOR_QUEUE = 501;

    /** The operation is not allowed. */
    public static final int ILLEGAL_OPERATION = 604;

    /** The server is shutting down; use another one. */
    public static final int GO_AWAY = 1500;
}
