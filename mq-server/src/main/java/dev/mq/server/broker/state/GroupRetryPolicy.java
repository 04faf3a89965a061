package dev.mq.server.broker.state;

import dev.mq.message.Validation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A consumer group's retry back-off, in the JSON shape of Apache RocketMQ 5.x
 * {@code SubscriptionGroupConfig.groupRetryPolicy}, so the official admin API can set it:
 * {@code {"type":"EXPONENTIAL","exponentialRetryPolicy":{"initial":5000,"max":7200000,"multiplier":2}}}
 * or {@code {"type":"CUSTOMIZED","customizedRetryPolicy":{"next":[1000,5000,...]}}} (milliseconds).
 *
 * <p>As in Apache, a type without its policy object (5.x clients send
 * {@code {"type":"CUSTOMIZED"}} for every group they create) means the default: the classic delay
 * levels, {@link #delayOf} returns empty and the broker keeps choosing level 3 + earlier retries.
 *
 * @param type                   {@code CUSTOMIZED} (default) or {@code EXPONENTIAL}
 * @param exponentialRetryPolicy used when the type is EXPONENTIAL
 * @param customizedRetryPolicy  used when the type is CUSTOMIZED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroupRetryPolicy(String type, Exponential exponentialRetryPolicy, Customized customizedRetryPolicy) {

    public static final String CUSTOMIZED = "CUSTOMIZED";
    public static final String EXPONENTIAL = "EXPONENTIAL";

    /** The largest exponent used, as in Apache (beyond it the delay no longer grows). */
    private static final int MAX_EXPONENT = 32;

    /**
     * Delay {@code min(max, initial * multiplier^reconsumeTimes)}.
     *
     * @param initial    first delay, ms (Apache's default 5 s)
     * @param max        upper bound, ms (default 2 h)
     * @param multiplier growth per retry (default 2)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Exponential(long initial, long max, long multiplier) {
    }

    /**
     * Delays by retry: retry {@code n} (0-based, = the message's reconsume count) waits
     * {@code next[n + 2]}, the last entry once past the end. The offset of 2 is Apache's: the
     * default list is the classic level table, whose level {@code 3 + n} is index {@code n + 2}.
     *
     * @param next delays in ms
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customized(long[] next) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Customized c && Arrays.equals(next, c.next);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(next);
        }

        @Override
        public String toString() {
            return "Customized" + Arrays.toString(next);
        }
    }

    /**
     * The delay of the retry of a message consumed {@code reconsumeTimes} times before, or empty
     * when the classic delay levels apply.
     */
    public Optional<Duration> delayOf(int reconsumeTimes) {
        if (!check("groupRetryPolicy").isValid()) {
            return Optional.empty(); // refused when set; only a hand-edited state file gets here
        }
        int n = Math.max(0, reconsumeTimes);
        if (EXPONENTIAL.equals(type) && exponentialRetryPolicy != null) {
            Exponential e = exponentialRetryPolicy;
            long delay = e.initial();
            for (int i = 0; i < Math.min(n, MAX_EXPONENT) && delay < e.max(); i++) {
                delay = delay > e.max() / e.multiplier() ? e.max() : delay * e.multiplier();
            }
            return Optional.of(Duration.ofMillis(Math.min(delay, e.max())));
        }
        if (CUSTOMIZED.equals(type) && customizedRetryPolicy != null) {
            long[] next = customizedRetryPolicy.next();
            return Optional.of(Duration.ofMillis(next[(int) Math.min((long) n + 2, next.length - 1)]));
        }
        return Optional.empty();
    }

    /** Whether this policy is usable, and if not, why; {@code field} prefixes the names. */
    public Validation check(String field) {
        if (type != null && !CUSTOMIZED.equals(type) && !EXPONENTIAL.equals(type)) {
            return Validation.invalid(field + ".type must be CUSTOMIZED or EXPONENTIAL but was " + type);
        }
        if (EXPONENTIAL.equals(type) && exponentialRetryPolicy != null) {
            Exponential e = exponentialRetryPolicy;
            if (e.initial() <= 0 || e.max() < e.initial() || e.multiplier() < 1) {
                return Validation.invalid(field + ".exponentialRetryPolicy needs initial > 0, max >= initial and multiplier >= 1 but was "
                        + "initial=" + e.initial() + ", max=" + e.max() + ", multiplier=" + e.multiplier());
            }
        }
        if (CUSTOMIZED.equals(type) && customizedRetryPolicy != null) {
            long[] next = customizedRetryPolicy.next();
            if (next == null || next.length == 0 || Arrays.stream(next).anyMatch(d -> d <= 0)) {
                return Validation.invalid(field + ".customizedRetryPolicy.next must be a non-empty list of positive delays (ms) but was "
                        + (next == null ? null : Arrays.toString(next)));
            }
        }
        return Validation.valid();
    }
}
