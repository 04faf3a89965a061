package dev.mq.console.listing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One answer of the brokers reused for a short time, so that pages opened one after another (or by
 * several people) ask once. Only one request is under way at a time; a failed answer is never
 * reused. Time comes from the injected clock. Thread-safe.
 *
 * @param <T> what is cached
 */
public final class BriefCache<T> {

    private final Supplier<CompletableFuture<T>> source;
    private final Clock clock;
    private final Duration keepFor;
    private CompletableFuture<T> current;
    private Instant askedAt;

    /** A cache of {@code source}'s answer, kept {@code keepFor} after it was asked for. */
    public BriefCache(Supplier<CompletableFuture<T>> source, Clock clock, Duration keepFor) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keepFor = Objects.requireNonNull(keepFor, "keepFor");
    }

    /** The answer under way or still fresh, else a new request. */
    public synchronized CompletableFuture<T> get() {
        Instant now = clock.instant();
        boolean usable = current != null && !current.isCompletedExceptionally()
                && (!current.isDone() || now.isBefore(askedAt.plus(keepFor)));
        if (!usable) {
            askedAt = now;
            current = source.get();
        }
        return current;
    }

    /** Forgets the answer: the next {@link #get()} asks again (after a change made through the console). */
    public synchronized void invalidate() {
        current = null;
    }
}
