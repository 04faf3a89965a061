package dev.mq.spring.observation;

/** How a template call sends: the {@code mode} tag of the {@code mq.send} observation. */
public enum SendMode {

    /** Waits for the broker's answer (also ordered and delayed sends). */
    SYNC("sync"),

    /** Returns a future of the broker's answer. */
    ASYNC("async"),

    /** Does not wait for any answer. */
    ONEWAY("oneway"),

    /** Several messages in one request. */
    BATCH("batch"),

    /** A half message and a local transaction. */
    TRANSACTION("transaction"),

    /** A half message committed with the Spring transaction. */
    TRANSACTION_BOUND("transaction-bound");

    private final String tagValue;

    SendMode(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The tag value. */
    public String tagValue() {
        return tagValue;
    }
}
