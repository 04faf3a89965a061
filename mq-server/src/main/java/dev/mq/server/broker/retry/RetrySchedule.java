package dev.mq.server.broker.retry;

import dev.mq.message.record.AppendMessage;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.state.GroupRetryPolicy;
import dev.mq.server.broker.timer.TimerMessages;

import java.time.Clock;
import java.time.Duration;

/**
 * How a retry waits for its delay. A retry at a delay level (the classic table, or a level the
 * consumer named) is parked in the schedule topic; a delay computed by a group's retry policy
 * ({@link GroupRetryPolicy}) that matches no level exactly is parked as an exact-time timer
 * ({@link TimerMessages#parked}) for exactly that delay. {@link #levelFor} still names the level
 * nearest above, which the decision reports.
 */
final class RetrySchedule {

    private RetrySchedule() {
    }

    /** The smallest level whose delay is at least {@code delay}; the highest level if none is long enough. */
    static int levelFor(Duration delay, DelayLevels levels) {
        long millis = delay.toMillis();
        for (int level = 1; level <= levels.count(); level++) {
            if (levels.delayMillis(level) >= millis) {
                return level;
            }
        }
        return levels.count();
    }

    /** {@code retry} (addressed to the retry topic) parked until the decision's delay has passed. */
    static AppendMessage schedule(AppendMessage retry, RetryPolicy.Decision decision, DelayLevels levels,
                                  Clock clock) {
        Duration delay = decision.delay();
        if (delay == null || levels.delayMillis(decision.delayLevel()) == delay.toMillis()) {
            return DelayLevels.scheduled(retry, decision.delayLevel());
        }
        return TimerMessages.parked(retry, clock.millis() + delay.toMillis());
    }
}
