package dev.mq.spring.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryIdempotencyStoreTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(3, clock);
    private final Duration lease = Duration.ofMinutes(1);
    private final Duration ttl = Duration.ofHours(1);

    @Test
    void aCompletedKeyIsNotProcessedAgainUntilItsTtlEnds() {
        Claim first = store.claim("g", "k", lease);
        assertThat(first.status()).isEqualTo(Claim.Status.ACQUIRED);
        store.complete(first, ttl);
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        assertThat(store.claim("other-group", "k", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
        clock.advance(ttl.plusSeconds(1));
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aLiveClaimKeepsDuplicatesOutAndAnExpiredOneIsTakenOver() {
        Claim first = store.claim("g", "k", lease);
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        clock.advance(lease.plusSeconds(1));
        Claim second = store.claim("g", "k", lease);
        assertThat(second.status()).isEqualTo(Claim.Status.ACQUIRED);
        store.complete(first, ttl); // the stale holder's completion does not count
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.complete(second, ttl);
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void aReleasedClaimLetsTheRetryRun() {
        Claim first = store.claim("g", "k", lease);
        store.release(first);
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void remembersTheNewestKeysAndForgetsOlderOnesAGenerationAtATime() {
        for (String key : new String[] {"a", "b", "c", "d", "e", "f"}) {
            store.complete(store.claim("g", key, lease), ttl);
        }
        // a, b, c filled the first generation, d, e, f the second: both held
        assertThat(store.size()).isEqualTo(6);
        store.complete(store.claim("g", "x", lease), ttl); // starts a third: a, b, c are dropped
        assertThat(store.size()).isEqualTo(4);
        for (String key : new String[] {"e", "f", "x", "d"}) {
            assertThat(store.claim("g", key, lease).status()).as(key).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        }
        assertThat(store.claim("g", "a", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aLargeStoreSpreadOverStripesRemembersTheNewestKeysAndHoldsAtMostTwiceItsBound() {
        InMemoryIdempotencyStore large = new InMemoryIdempotencyStore(10_000, clock);
        for (int i = 0; i < 30_000; i++) {
            large.complete(large.claim("g", "k" + i, lease), ttl);
            assertThat(large.size()).isLessThanOrEqualTo(20_000);
        }
        assertThat(large.size()).isGreaterThanOrEqualTo(10_000);
        int remembered = 0;
        for (int i = 29_000; i < 30_000; i++) { // the newest thousand are remembered in every stripe
            remembered += large.claim("g", "k" + i, lease).status() == Claim.Status.ALREADY_PROCESSED ? 1 : 0;
        }
        assertThat(remembered).isEqualTo(1_000);
        assertThat(large.claim("g", "k0", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void aClaimTakenOverInThePreviousGenerationCompletesThere() {
        Claim old = store.claim("g", "k", lease);
        for (String key : new String[] {"b", "c", "d"}) { // k's generation becomes the previous one
            store.complete(store.claim("g", key, lease), ttl);
        }
        clock.advance(lease.plusSeconds(1));
        Claim retaken = store.claim("g", "k", lease);
        assertThat(retaken.status()).isEqualTo(Claim.Status.ACQUIRED);
        assertThat(retaken.token()).isNotEqualTo(old.token());
        store.release(old); // the stale holder's release does not free the key
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        store.complete(retaken, ttl);
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void aClaimWhoseKeyMovedSinceStillCompletesAndReleasesItsOwnKeyOnly() {
        InMemoryIdempotencyStore large = new InMemoryIdempotencyStore(1_000, clock);
        Claim moved = large.claim("g", "moved", lease);
        Claim released = large.claim("g", "released", lease);
        List<Claim> others = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // the table grows several times: "moved" and "released" change slots
            others.add(large.claim("g", "k" + i, lease));
        }
        large.complete(moved, ttl);
        large.release(released);
        assertThat(large.claim("g", "moved", lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        assertThat(large.claim("g", "released", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
        for (int i = 0; i < 600; i++) { // untouched by the completion and the release of the two above
            assertThat(large.claim("g", "k" + i, lease).status()).as("k" + i).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        }
        // a token names its key's slot; in a claim for another key it marks nothing
        Claim forged = new Claim("g", "k1", Claim.Status.ACQUIRED, others.get(0).token());
        large.complete(forged, ttl);
        assertThat(large.claim("g", "k0", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        assertThat(large.claim("g", "k1", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
        large.complete(others.get(0), ttl);
        assertThat(large.claim("g", "k0", lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
    }

    @Test
    void theKeysOfOneStripeSpreadOverTheSlotsOfItsTable() {
        // a stripe holds maxKeys / 64 keys in a table of (at least) 1.5 times as many slots; keys
        // chosen by the bits that pick the slot would pile into a few runs
        int stripes = 64;
        int mask = 4095;
        java.util.Set<Integer> used = new java.util.HashSet<>();
        int inStripe = 0;
        for (int i = 0; inStripe < 2_000; i++) {
            int hash = KeyStateTable.hash("g", "7F0000010000" + Integer.toHexString(i * 1024));
            if (InMemoryIdempotencyStore.stripeIndex(hash, stripes) == 0) {
                inStripe++;
                used.add(KeyStateTable.home(hash, mask));
            }
        }
        assertThat(used.size()).as("home slots of 2,000 keys of one stripe").isGreaterThan(1_000);
    }

    @Test
    void aTokenThatThisStoreDidNotIssueIsRefused() {
        store.claim("g", "k", lease);
        Claim foreign = new Claim("g", "k", Claim.Status.ACQUIRED, "not a token!");
        assertThatThrownBy(() -> store.complete(foreign, ttl)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a claim of this store");
        assertThat(store.claim("g", "k", lease).status()).isEqualTo(Claim.Status.HELD_ELSEWHERE);
    }

    @Test
    void concurrentDuplicatesAcquireAKeyOnce() throws Exception {
        InMemoryIdempotencyStore large = new InMemoryIdempotencyStore(100_000, clock);
        int threads = 8;
        AtomicInteger acquired = new AtomicInteger();
        inThreads(threads, thread -> {
            for (int i = 0; i < 2_000; i++) {
                if (large.claim("g", "k" + i, lease).acquired()) {
                    acquired.incrementAndGet();
                }
            }
        });
        assertThat(acquired).hasValue(2_000);
    }

    @Test
    void oneStripeWithFarMoreThreadsThanCoresStillLetsOneThreadAtATimeIn() throws Exception {
        // under 2,048 keys a store has one stripe: 32 threads contend for its one lock
        InMemoryIdempotencyStore oneStripe = new InMemoryIdempotencyStore(2_047, clock);
        int threads = 32;
        int keys = 2_000;
        AtomicIntegerArray acquired = new AtomicIntegerArray(keys);
        inThreads(threads, thread -> {
            for (int i = 0; i < keys; i++) {
                Claim claim = oneStripe.claim("g", "k" + i, lease);
                if (claim.acquired()) {
                    acquired.incrementAndGet(i);
                    oneStripe.complete(claim, ttl);
                }
                // keys added and removed around them, so the table's slots keep moving
                Claim passing = oneStripe.claim("g", "passing-" + thread + "-" + i, lease);
                oneStripe.release(passing);
            }
        });
        for (int i = 0; i < keys; i++) {
            assertThat(acquired.get(i)).as("holders of k" + i).isEqualTo(1);
            assertThat(oneStripe.claim("g", "k" + i, lease).status()).isEqualTo(Claim.Status.ALREADY_PROCESSED);
        }
        assertThat(oneStripe.size()).isEqualTo(keys);
    }

    @Test
    void groupsFirstSeenConcurrentlyKeepTheirKeysApart() throws Exception {
        // 256 group names of one String hash ("Aa" and "BB" hash alike), so the same key of each has
        // one hash too: only the group's number tells their entries apart
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (int bits = 0; bits < 256; bits++) {
            StringBuilder name = new StringBuilder();
            for (int b = 0; b < 8; b++) {
                name.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            }
            groups.add(name.toString());
        }
        InMemoryIdempotencyStore large = new InMemoryIdempotencyStore(100_000, clock);
        int threads = 8;
        CyclicBarrier together = new CyclicBarrier(threads);
        inThreads(threads, thread -> {
            for (int g = 0; g < groups.size(); g++) {
                // every thread meets each group for the first time at once
                together.await(10, TimeUnit.SECONDS);
                String key = g % threads == thread ? "same-key" : "key-of-" + thread;
                Claim claim = large.claim(groups.get(g), key, lease);
                if (g % 2 == 0 && claim.acquired()) {
                    large.complete(claim, ttl);
                }
            }
        });
        for (int g = 0; g < groups.size(); g++) {
            assertThat(large.claim(groups.get(g), "same-key", lease).status()).as(groups.get(g))
                    .isEqualTo(g % 2 == 0 ? Claim.Status.ALREADY_PROCESSED : Claim.Status.HELD_ELSEWHERE);
        }
        assertThat(large.claim("AaAaAaAaAaAaAaAaAa", "same-key", lease).status()).isEqualTo(Claim.Status.ACQUIRED);
    }

    @Test
    void refusesMoreKeysThanItsTablesCanHold() {
        assertThat(InMemoryIdempotencyStore.MAX_KEYS).isEqualTo(64 * ((1 << 24) / 3 * 2));
        assertThatThrownBy(() -> new InMemoryIdempotencyStore(InMemoryIdempotencyStore.MAX_KEYS + 1, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new InMemoryIdempotencyStore(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToCompleteAClaimItDidNotAcquire() {
        store.claim("g", "k", lease);
        Claim refused = store.claim("g", "k", lease);
        assertThatThrownBy(() -> store.complete(refused, ttl)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What one of {@link #inThreads}' threads does, given its number. */
    private interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads started together and waits until each has returned. */
    private static void inThreads(int threads, ThreadTask task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    task.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
