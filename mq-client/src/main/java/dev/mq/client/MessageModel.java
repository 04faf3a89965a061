package dev.mq.client;

/** How the consumers of one group share a topic. */
public enum MessageModel {

    /**
     * The group's consumers split the queues among themselves: each message is processed by one of
     * them. Offsets are kept on the brokers; failed messages are retried through the group's retry
     * topic. The default.
     */
    CLUSTERING,

    /**
     * Every consumer of the group gets every message. Offsets are kept in a local file per consumer;
     * a message whose listener fails is not retried (logged and skipped), as with the official client.
     */
    BROADCASTING
}
