package dev.mq.spring.annotation;

/** How the listeners of one consumer group share a topic ({@link MqListener#mode()}). */
public enum ConsumeMode {

    /**
     * The group's consumers split the topic's queues: each message is processed by one of them,
     * failures are retried through the broker and end in the group's dead-letter queue. The default.
     */
    CLUSTERING,

    /**
     * Every consumer of the group gets every message. Failures are logged and not retried (as with
     * the official client), so no message of a broadcasting listener reaches a dead-letter queue.
     */
    BROADCASTING
}
