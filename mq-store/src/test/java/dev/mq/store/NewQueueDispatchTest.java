package dev.mq.store;

import dev.mq.store.internal.Checkpoint;
import dev.mq.store.internal.FileNames;
import dev.mq.store.state.JsonStateFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher's path for new queues: their first file is made on another thread while their
 * first entries are readable from memory, so many new queues at once, or one slow to create, hold
 * up no other queue. Asserted by counts and order, not by timings.
 */
class NewQueueDispatchTest {

    @TempDir
    Path dir;

    @Test
    void fiveThousandNewQueuesEachGetTheirFirstMessageAndAllBecomeReadable() {
        int queues = 5_000;
        try (MessageStore store = MessageStore.open(TestStores.small(dir).build())) {
            List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
            for (int i = 0; i < queues; i++) {
                appends.add(store.append(message("New-" + i, i % 4, "first-" + i)));
            }
            appends.forEach(append -> assertThat(append.join().status()).isEqualTo(AppendStatus.OK));
            await().atMost(Duration.ofSeconds(60)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());

            for (int i = 0; i < queues; i++) {
                assertThat(readAll(store, "New-" + i, i % 4)).containsExactly("first-" + i);
            }
        }
        try (MessageStore store = MessageStore.open(TestStores.small(dir).build())) {
            assertThat(store.topics()).hasSize(queues);
            for (int i = 0; i < queues; i += 97) {
                assertThat(readAll(store, "New-" + i, i % 4)).containsExactly("first-" + i);
            }
        }
    }

    @Test
    void aNewQueueWhoseFileIsSlowToCreateHoldsUpNoOtherQueueAndNoCheckpointClaimsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JsonStateFile<Checkpoint> checkpoints = new JsonStateFile<>(FileNames.checkpointFile(dir), Checkpoint.class);
        try (MessageStore store = MessageStore.open(TestStores.small(dir).build(), Clock.systemUTC(),
                DiskUsageProbe.of(dir), queue -> {
                    if (queue.topic().equals("Slow")) {
                        awaitQuietly(release);
                    }
                })) {
            assertThat(store.append(message("Other", 0, "other-0")).join().status()).isEqualTo(AppendStatus.OK);
            await().until(() -> store.maxOffset("Other", 0) == 1);

            AppendResult slow = store.append(message("Slow", 0, "slow")).join();
            AppendResult fast = store.append(message("Fast", 0, "fast")).join();
            for (int i = 1; i <= 100; i++) {
                assertThat(store.append(message("Other", 0, "other-" + i)).join().status()).isEqualTo(AppendStatus.OK);
            }

            // everything written after the slow queue's first message is dispatched and readable
            await().until(() -> store.maxOffset("Other", 0) == 101);
            assertThat(readAll(store, "Other", 0)).hasSize(101).endsWith("other-100");
            // the new queues are readable too, from memory: no file has been created for either
            assertThat(readAll(store, "Slow", 0)).containsExactly("slow");
            assertThat(readAll(store, "Fast", 0)).containsExactly("fast");
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(Files.exists(FileNames.consumeQueueDir(dir, "Slow", 0))).isFalse();

            // checkpoints written meanwhile stop before the entry that is only in memory
            long written = checkpoints.read().orElseThrow().timestamp();
            await().until(() -> checkpoints.read().orElseThrow().timestamp() > written + 100);
            assertThat(checkpoints.read().orElseThrow().dispatched()).isLessThanOrEqualTo(slow.commitLogOffset());

            release.countDown();
            await().until(() -> Files.exists(FileNames.consumeQueueDir(dir, "Fast", 0)));
            await().until(() -> checkpoints.read().orElseThrow().dispatched() == store.commitLogMaxOffset());
            assertThat(fast.queueOffset()).isZero();
        }
        try (MessageStore store = MessageStore.open(TestStores.small(dir).build())) {
            assertThat(readAll(store, "Slow", 0)).containsExactly("slow");
            assertThat(readAll(store, "Fast", 0)).containsExactly("fast");
            assertThat(readAll(store, "Other", 0)).hasSize(101);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding a queue file's creation", e);
        }
    }
}
