package dev.mq.client.admin;

/** What a topic is for, as a console filters topics. */
public enum TopicKind {
    /** An application's topic. */
    NORMAL,
    /** A consumer group's retry topic ({@code %RETRY%group}). */
    RETRY,
    /** A consumer group's dead-letter topic ({@code %DLQ%group}). */
    DEAD_LETTER,
    /**
     * A topic the brokers use for themselves: the auto-create template, delay and timer topics,
     * transaction topics, {@code RMQ_SYS_*} / {@code rmq_sys_*} topics, and the topics named after
     * clusters and brokers that Apache brokers register.
     */
    SYSTEM
}
