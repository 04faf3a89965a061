package dev.mq.server.broker;

import dev.mq.store.record.AppendMessage;

import java.time.Duration;

/**
 * How a retry waits for its delay. Today every retry is parked on a delay level; a delay computed by
 * a group's retry policy ({@link GroupRetryPolicy}) is rounded UP to the smallest level that waits
 * at least as long (the largest level if none does), so a retry never comes early.
 *
 * <p>This is the only place that maps a computed delay to a level. Once exact-time delivery exists
 * (the 5.x timer), {@link #schedule} should park a retry with {@code delay != null} for exactly that
 * delay instead, and {@link #levelFor} goes away.
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
    static AppendMessage schedule(AppendMessage retry, RetryPolicy.Decision decision) {
        return Redelivery.scheduled(retry, decision.delayLevel());
    }
}
