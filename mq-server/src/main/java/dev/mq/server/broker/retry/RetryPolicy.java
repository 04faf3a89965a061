package dev.mq.server.broker.retry;

import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.state.GroupRetryPolicy;
import dev.mq.server.broker.state.SubscriptionGroups;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a message goes after a failed consumption: back to the group's retry topic after a delay
 * (the consumer's level, else the group's retry policy, else level 3 + earlier retries), or, once
 * it was retried often enough, to the group's dead-letter topic.
 */
public final class RetryPolicy {

    /** The delay level a retry gets when the consumer leaves it to the broker: 3 + earlier retries. */
    static final int FIRST_RETRY_LEVEL = 3;

    private RetryPolicy() {
    }

    /**
     * The outcome of CONSUMER_SEND_MSG_BACK.
     *
     * @param deadLetter true: to the dead-letter topic without delay
     * @param delayLevel for a retry, the (clamped) delay level it is parked on; 0 for a dead letter
     * @param delay      for a retry whose delay the group's retry policy computed, that delay (the
     *                   level is the one {@link RetrySchedule#levelFor} maps it to); else null
     */
    record Decision(boolean deadLetter, int delayLevel, Duration delay) {

        Decision(boolean deadLetter, int delayLevel) {
            this(deadLetter, delayLevel, null);
        }
    }

    /** {@link #sendBack(int, int, int, DelayLevels, GroupRetryPolicy)} with the classic delay levels. */
    static Decision sendBack(int reconsumeTimes, int maxReconsumeTimes, int delayLevel, DelayLevels levels) {
        return sendBack(reconsumeTimes, maxReconsumeTimes, delayLevel, levels, null);
    }

    /**
     * @param reconsumeTimes    how often the message was already retried
     * @param maxReconsumeTimes the group's (or the consumer's) limit
     * @param delayLevel        what the consumer asked for: 0 = broker decides, &lt; 0 = dead letter now
     * @param policy            the group's retry policy (null or classic: level 3 + earlier retries);
     *                          used only when the broker decides
     */
    static Decision sendBack(int reconsumeTimes, int maxReconsumeTimes, int delayLevel, DelayLevels levels,
                             GroupRetryPolicy policy) {
        if (delayLevel < 0 || reconsumeTimes >= maxReconsumeTimes) {
            return new Decision(true, 0);
        }
        if (delayLevel == 0 && policy != null) {
            Optional<Duration> delay = policy.delayOf(reconsumeTimes);
            if (delay.isPresent()) {
                return new Decision(false, RetrySchedule.levelFor(delay.get(), levels), delay.get());
            }
        }
        int level = delayLevel == 0 ? FIRST_RETRY_LEVEL + reconsumeTimes : delayLevel;
        return new Decision(false, levels.clamp(level));
    }

    /** A plain send to a retry topic goes to the dead-letter topic once its retries exceed the limit. */
    public static boolean sendToDeadLetter(int reconsumeTimes, int maxReconsumeTimes) {
        return reconsumeTimes > maxReconsumeTimes;
    }

    /** The consumer's limit if it sent a usable one, else the group's. */
    public static int maxReconsumeTimes(Integer requested, SubscriptionGroups.Group group) {
        return requested == null || requested < 0 ? group.retryMaxTimes() : requested;
    }
}
