package dev.mq.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class WorkerPoolTest {

    @Test
    void closeFinishesTheQueuedTasksOnNamedThreads() {
        AtomicInteger done = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        WorkerPool pool = new WorkerPool("test-pool", 2, Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            pool.execute(() -> {
                threads.add(Thread.currentThread().getName());
                done.incrementAndGet();
            });
        }

        assertThat(pool.closeGracefully()).isTrue();

        assertThat(done.get()).isEqualTo(100);
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("test-pool-"));
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aTaskThatOutlastsTheGracePeriodIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        WorkerPool pool = new WorkerPool("test-grace", 1, Duration.ofMillis(50));
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000); // stands for a task that blocks; close must interrupt it
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(pool.closeGracefully()).isFalse();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void reportsTheTasksWaitingBehindABusyThreadAndHowLongTheOldestWaits() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkerPool pool = new WorkerPool("test-queue", 1, Duration.ofSeconds(10));
        try {
            assertThat(pool.queueSize()).isZero();
            assertThat(pool.headWaitMillis()).isZero();
            assertThat(pool.capacity()).as("unbounded").isEqualTo(Integer.MAX_VALUE);
            pool.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            long queuedAt = System.nanoTime();
            pool.execute(() -> { });
            pool.execute(() -> { });

            assertThat(pool.queueSize()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.headWaitMillis() >= 20);
            assertThat(pool.headWaitMillis()).isLessThanOrEqualTo((System.nanoTime() - queuedAt) / 1_000_000);
        } finally {
            release.countDown();
            pool.close();
        }
        assertThat(pool.queueSize()).isZero();
        assertThat(pool.headWaitMillis()).isZero();
    }

    @Test
    void needsAtLeastOneThread() {
        assertThatThrownBy(() -> new WorkerPool("test-none", 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test-none");
    }
}
