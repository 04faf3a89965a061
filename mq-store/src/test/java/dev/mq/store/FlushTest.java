package dev.mq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.mq.store.TestStores.bodies;
import static dev.mq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class FlushTest {

    @TempDir
    Path dir;

    @Test
    void aSyncAppendCompletesOnlyAfterItsBytesWereForced() {
        AtomicLong forcedUpTo = new AtomicLong();
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.SYNC).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC(), () -> 0.1,
                (from, to) -> forcedUpTo.accumulateAndGet(to, Math::max))) {
            for (int i = 0; i < 20; i++) {
                AppendResult result = store.append(message("T", 0, "m" + i)).join();
                assertThat(result.status()).isEqualTo(AppendStatus.OK);
                assertThat(forcedUpTo.get()).isGreaterThanOrEqualTo(result.commitLogOffset() + result.size());
            }
        }
    }

    @Test
    void concurrentSyncAppendsShareForces() throws Exception {
        AtomicInteger forces = new AtomicInteger();
        CountDownLatch firstForceEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstForce = new CountDownLatch(1);
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.SYNC).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC(), () -> 0.1, (from, to) -> {
            if (forces.incrementAndGet() == 1) {
                firstForceEntered.countDown();
                await(releaseFirstForce);
            }
        })) {
            CompletableFuture<AppendResult> first = store.append(message("T", 0, "first"));
            assertThat(firstForceEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<?>[] waiting = new CompletableFuture<?>[50];
            for (int i = 0; i < waiting.length; i++) {
                waiting[i] = store.append(message("T", 0, "m" + i));
            }
            // while the first force is stuck, the 50 appends are written but not acknowledged
            assertThat(CompletableFuture.anyOf(waiting).isDone()).isFalse();
            releaseFirstForce.countDown();
            CompletableFuture.allOf(waiting).get(10, TimeUnit.SECONDS);
            assertThat(first.join().status()).isEqualTo(AppendStatus.OK);
            assertThat(forces.get()).as("group commit: far fewer forces than appends").isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aFlushSlowerThanTheTimeoutReportsFlushDiskTimeoutYetTheMessageIsStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.SYNC)
                .syncFlushTimeout(Duration.ofMillis(200)).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC(), () -> 0.1,
                (from, to) -> await(release))) {
            AppendResult result = store.append(message("T", 0, "slow")).get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(AppendStatus.FLUSH_DISK_TIMEOUT);
            assertThat(result.status().isStored()).isTrue();
            try (StoredMessages stored = store.readAt(result.commitLogOffset())) {
                assertThat(bodies(stored)).containsExactly("slow");
            }
            release.countDown();
        }
    }

    @Test
    void aTimedOutAppendKeepsItsAnswerAndAppendsAfterTheSlowForceAreConfirmed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.SYNC)
                .syncFlushTimeout(Duration.ofMillis(200)).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC(), () -> 0.1, (from, to) -> {
            if (forces.incrementAndGet() == 1) {
                await(release);
            }
        })) {
            CompletableFuture<AppendResult> slow = store.append(message("T", 0, "slow"));
            assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(AppendStatus.FLUSH_DISK_TIMEOUT);
            release.countDown();
            AppendResult next = store.append(message("T", 0, "next")).get(10, TimeUnit.SECONDS);
            assertThat(next.status()).isEqualTo(AppendStatus.OK);
            assertThat(slow.join().status()).as("the first answer stands").isEqualTo(AppendStatus.FLUSH_DISK_TIMEOUT);
        }
    }

    @Test
    void aFailedForceAnswersTheWaitingAppendsAndLaterOnesAtOnceAsUnconfirmed() throws Exception {
        CountDownLatch forceEntered = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.SYNC)
                .syncFlushTimeout(Duration.ofSeconds(30)).build();
        try (MessageStore store = MessageStore.open(config, Clock.systemUTC(), () -> 0.1, (from, to) -> {
            forceEntered.countDown();
            await(fail);
            throw new UncheckedIOException(new IOException("the device went away"));
        })) {
            CompletableFuture<AppendResult> waiting = store.append(message("T", 0, "waiting"));
            assertThat(forceEntered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting).isNotDone();
            fail.countDown();
            // well before the 30 s timeout: the failure itself answers them
            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(AppendStatus.FLUSH_DISK_TIMEOUT);
            AppendResult later = store.append(message("T", 0, "later")).get(10, TimeUnit.SECONDS);
            assertThat(later.status()).isEqualTo(AppendStatus.FLUSH_DISK_TIMEOUT);
            assertThat(later.status().isStored()).isTrue();
        }
    }

    @Test
    void asyncFlushEventuallyForcesEverythingWritten() {
        StoreConfig config = TestStores.small(dir).flushMode(FlushMode.ASYNC).flushMinPages(0)
                .flushInterval(Duration.ofMillis(10)).build();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 50; i++) {
                assertThat(store.append(message("T", 0, "m" + i)).join().status()).isEqualTo(AppendStatus.OK);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.flushedOffset() == store.commitLogMaxOffset());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
