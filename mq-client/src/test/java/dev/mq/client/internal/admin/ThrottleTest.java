package dev.mq.client.internal.admin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit on calls in flight. */
class ThrottleTest {

    @Test
    void keepsAtMostTheLimitInFlightAndStartsTheRestAsCallsComplete() {
        Throttle throttle = new Throttle(3);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(throttle.submit(() -> {
                started.incrementAndGet();
                CompletableFuture<Integer> call = new CompletableFuture<>();
                calls.add(call);
                return call.thenApply(v -> v + n);
            }));
        }
        assertThat(started).hasValue(3);

        calls.get(0).complete(100);
        assertThat(started).hasValue(4);
        assertThat(results.get(0)).isCompletedWithValue(100);
        for (int i = 1; i < 10; i++) {
            calls.get(i).complete(0);
        }
        assertThat(started).hasValue(10);
        assertThat(results).allSatisfy(r -> assertThat(r).isDone());
        assertThat(results.get(9)).isCompletedWithValue(9);
    }

    @Test
    void thousandsOfCallsThatCompleteAtOnceDoNotNest() {
        Throttle throttle = new Throttle(2);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int n = i;
            results.add(throttle.submit(() -> n % 2 == 0 ? CompletableFuture.completedFuture(n)
                    : CompletableFuture.failedFuture(new IllegalStateException("odd"))));
        }

        assertThat(results).allSatisfy(r -> assertThat(r).isDone());
        assertThat(results.get(49_998)).isCompletedWithValue(49_998);
        assertThat(results.get(49_999)).isCompletedExceptionally();
    }
}
