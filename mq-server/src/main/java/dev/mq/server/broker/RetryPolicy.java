package dev.mq.server.broker;

/**
 * Where a message goes after a failed consumption: back to the group's retry topic after a delay,
 * or, once it was retried often enough, to the group's dead-letter topic.
 */
final class RetryPolicy {

    /** The delay level a retry gets when the consumer leaves it to the broker: 3 + earlier retries. */
    static final int FIRST_RETRY_LEVEL = 3;

    private RetryPolicy() {
    }

    /**
     * The outcome of CONSUMER_SEND_MSG_BACK.
     *
     * @param deadLetter true: to the dead-letter topic without delay
     * @param delayLevel for a retry, the (clamped) delay level; 0 for a dead letter
     */
    record Decision(boolean deadLetter, int delayLevel) {
    }

    /**
     * @param reconsumeTimes    how often the message was already retried
     * @param maxReconsumeTimes the group's (or the consumer's) limit
     * @param delayLevel        what the consumer asked for: 0 = broker decides, &lt; 0 = dead letter now
     */
    static Decision sendBack(int reconsumeTimes, int maxReconsumeTimes, int delayLevel, DelayLevels levels) {
        if (delayLevel < 0 || reconsumeTimes >= maxReconsumeTimes) {
            return new Decision(true, 0);
        }
        int level = delayLevel == 0 ? FIRST_RETRY_LEVEL + reconsumeTimes : delayLevel;
        return new Decision(false, levels.clamp(level));
    }

    /** A plain send to a retry topic goes to the dead-letter topic once its retries exceed the limit. */
    static boolean sendToDeadLetter(int reconsumeTimes, int maxReconsumeTimes) {
        return reconsumeTimes > maxReconsumeTimes;
    }

    /** The consumer's limit if it sent a usable one, else the group's. */
    static int maxReconsumeTimes(Integer requested, SubscriptionGroups.Group group) {
        return requested == null || requested < 0 ? group.retryMaxTimes() : requested;
    }
}
