package dev.mq.console.listing;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Starts asynchronous admin requests, at most {@code limit} under way at once; the others wait in
 * order and start as earlier ones finish. Used for per-topic and per-group fan-out, so that a page
 * over 500 groups never has 500 requests in flight. Thread-safe.
 */
public final class BoundedFanOut {

    private final Semaphore permits;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /** A fan-out with at most {@code limit} requests under way. */
    public BoundedFanOut(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a fan-out needs room for at least 1 request, got " + limit);
        }
        this.permits = new Semaphore(limit);
    }

    /** Starts {@code call} when there is room; the result completes as the call's future does. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                permits.release();
                drain();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        drain();
        return result;
    }

    private void drain() {
        while (!waiting.isEmpty() && permits.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
            next.run();
        }
    }
}
