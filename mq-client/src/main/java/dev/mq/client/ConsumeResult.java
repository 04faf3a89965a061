package dev.mq.client;

/** What a listener says about the messages it was given. */
public enum ConsumeResult {

    /** Processed: the messages count as consumed and their offsets may be committed. */
    SUCCESS,

    /**
     * Not processed, try again later. A {@link MessageListener} gets them again through the group's
     * retry topic after the broker's back-off (10 s, 30 s, 1 min, ... for the 1st, 2nd, 3rd retry),
     * and once they were retried {@code maxReconsumeTimes} times they go to the dead-letter topic
     * {@code %DLQ%<group>}. An {@link OrderlyMessageListener} gets them again locally, in order,
     * after the orderly retry delay, and nothing behind them is delivered meanwhile.
     */
    RETRY_LATER
}
