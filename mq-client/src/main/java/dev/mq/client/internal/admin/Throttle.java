package dev.mq.client.internal.admin;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps at most a number of asynchronous calls in flight: further calls start as earlier ones
 * complete. For fan-outs of thousands of small requests (one per topic), so that they are pipelined
 * on the connections without queueing thousands of requests in a broker at once. Calls that
 * complete at once do not nest: waiting calls are started by a loop, not recursively. Thread-safe.
 */
final class Throttle {

    private static final ThreadLocal<Boolean> DRAINING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    Throttle(int limit) {
        this.limit = limit;
    }

    /** Starts {@code call} now or once a slot is free; the future mirrors the call's. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                synchronized (this) {
                    running--;
                }
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
                drain();
            });
        };
        synchronized (this) {
            waiting.add(start);
        }
        drain();
        return result;
    }

    private void drain() {
        if (DRAINING.get()) {
            return; // an outer loop on this thread starts the next call
        }
        DRAINING.set(Boolean.TRUE);
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (running >= limit || waiting.isEmpty()) {
                        return;
                    }
                    running++;
                    next = waiting.poll();
                }
                next.run();
            }
        } finally {
            DRAINING.set(Boolean.FALSE);
        }
    }
}
