package dev.mq.spring.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the same key to a store from many threads at once, released together by a latch, as a
 * listener container would handle duplicate deliveries: claim, process when acquired, complete.
 */
final class ConcurrentClaims {

    private ConcurrentClaims() {
    }

    /** The claims that {@code threads} threads got for the same key, started together. */
    static List<Claim> claimTogether(IdempotencyStore store, String group, String key, Duration lease, int threads)
            throws Exception {
        return runTogether(threads, () -> store.claim(group, key, lease));
    }

    /**
     * Delivers {@code key} from {@code threads} threads at once; each that acquires it runs the
     * "listener" (counts) and completes. Returns how often the listener ran.
     */
    static int processDuplicates(IdempotencyStore store, String group, String key, int threads) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        runTogether(threads, () -> {
            Claim claim = store.claim(group, key, Duration.ofMinutes(1));
            if (claim.acquired()) {
                runs.incrementAndGet();
                store.complete(claim, Duration.ofHours(1));
            }
            return claim;
        });
        return runs.get();
    }

    private static <T> List<T> runTogether(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
