package dev.mq.client.admin;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How many messages a consumer group has not consumed yet: an exact count, a lower bound (a total
 * where some queues could not be counted), or unknown. Never negative, and never the {@code -1}
 * other consoles show for "unknown": a console renders {@link #toString()} ("42", "≥ 42",
 * "unknown") or asks {@link #isExact()} / {@link #isUnknown()}. Immutable; equal by value.
 */
public final class Lag implements Comparable<Lag> {

    /** The lag cannot be told, e.g. a broadcasting group (its offsets live in its clients). */
    public static final Lag UNKNOWN = new Lag(State.UNKNOWN, 0);

    /** No message waiting. */
    public static final Lag ZERO = new Lag(State.EXACT, 0);

    private enum State { EXACT, AT_LEAST, UNKNOWN }

    private final State state;
    private final long messages;

    private Lag(State state, long messages) {
        this.state = state;
        this.messages = messages;
    }

    /**
     * An exact lag.
     *
     * @throws IllegalArgumentException when {@code messages} is negative
     */
    public static Lag of(long messages) {
        if (messages < 0) {
            throw new IllegalArgumentException("a lag is never negative, got " + messages);
        }
        return messages == 0 ? ZERO : new Lag(State.EXACT, messages);
    }

    /**
     * The lag behind a queue: {@code brokerOffset - consumerOffset}, or 0 when the consumer offset is
     * ahead (which happens when a queue was truncated or an offset was set by hand): never negative.
     */
    public static Lag between(long brokerOffset, long consumerOffset) {
        return of(Math.max(0, brokerOffset - consumerOffset));
    }

    /**
     * At least this many messages: some of the parts of a total are unknown.
     *
     * @throws IllegalArgumentException when {@code messages} is negative
     */
    public static Lag atLeast(long messages) {
        if (messages < 0) {
            throw new IllegalArgumentException("a lag is never negative, got " + messages);
        }
        return new Lag(State.AT_LEAST, messages);
    }

    /**
     * The sum of {@code lags}: exact when all are exact, unknown when all are unknown, a lower bound
     * of the known ones otherwise; 0 for none.
     */
    public static Lag sum(Collection<Lag> lags) {
        Lag total = null;
        for (Lag lag : lags) {
            total = total == null ? Objects.requireNonNull(lag, "lag") : total.plus(lag);
        }
        return total == null ? ZERO : total;
    }

    /**
     * This lag plus {@code other}: exact + exact is exact; anything with an unknown or a lower bound
     * is a lower bound of the known parts, except unknown + unknown, which stays unknown.
     */
    public Lag plus(Lag other) {
        Objects.requireNonNull(other, "other");
        if (state == State.UNKNOWN && other.state == State.UNKNOWN) {
            return UNKNOWN;
        }
        long sum = saturatedAdd(messages, other.messages);
        return state == State.EXACT && other.state == State.EXACT ? of(sum) : atLeast(sum);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Whether the count is exact. */
    public boolean isExact() {
        return state == State.EXACT;
    }

    /** Whether the count is a lower bound (parts of a total could not be counted). */
    public boolean isLowerBound() {
        return state == State.AT_LEAST;
    }

    /** Whether nothing is known. */
    public boolean isUnknown() {
        return state == State.UNKNOWN;
    }

    /**
     * The exact count, or the lower bound.
     *
     * @throws IllegalStateException when the lag is unknown
     */
    public long messages() {
        if (state == State.UNKNOWN) {
            throw new IllegalStateException("the lag is unknown");
        }
        return messages;
    }

    /** The exact count, or empty for a lower bound or an unknown lag. */
    public OptionalLong exact() {
        return state == State.EXACT ? OptionalLong.of(messages) : OptionalLong.empty();
    }

    /** Orders unknown first, then by count; a lower bound sorts after the exact lag of the same count. */
    @Override
    public int compareTo(Lag other) {
        if (state == State.UNKNOWN || other.state == State.UNKNOWN) {
            return Boolean.compare(state != State.UNKNOWN, other.state != State.UNKNOWN);
        }
        int byCount = Long.compare(messages, other.messages);
        return byCount != 0 ? byCount : Boolean.compare(state == State.AT_LEAST, other.state == State.AT_LEAST);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Lag lag && lag.state == state && lag.messages == messages;
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, messages);
    }

    /** "42", "≥ 42" or "unknown". */
    @Override
    public String toString() {
        return switch (state) {
            case EXACT -> Long.toString(messages);
            case AT_LEAST -> "≥ " + messages;
            case UNKNOWN -> "unknown";
        };
    }
}
