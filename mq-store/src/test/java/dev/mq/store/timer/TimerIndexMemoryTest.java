package dev.mq.store.timer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million pending timers live on disk: the heap retained by an index holding them grows by far
 * less than the entries would take on the heap (about 1,000,000 x 24 bytes plus objects).
 */
class TimerIndexMemoryTest {

    /** The broker's bucket length (TimerDeliveryService). */
    private static final long BUCKET_MILLIS = 10_000;
    private static final int ENTRIES = 1_000_000;
    private static final long MAX_GROWTH = 20L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aMillionPendingTimersDoNotGrowTheHeap() {
        long t0 = 1_700_000_000_000L;
        long spread = Duration.ofDays(1).toMillis();
        long before = retainedHeap();
        long started = System.nanoTime();
        try (TimerIndex index = TimerIndex.open(dir, BUCKET_MILLIS)) {
            for (int i = 0; i < ENTRIES; i++) {
                // due times spread over a day (every bucket file of that span gets entries)
                index.add(t0 + spread * i / ENTRIES, 1_000L * i, 200);
            }
            index.deliverDue(t0 - 1, (due, offset, size) -> {
                throw new AssertionError("nothing is due yet");
            });
            long after = retainedHeap();
            System.out.printf("timer index: %d entries added in %d ms, retained heap %d -> %d bytes%n", ENTRIES,
                    (System.nanoTime() - started) / 1_000_000, before, after);
            assertThat(after - before).as("heap growth with %d pending timers", ENTRIES).isLessThan(MAX_GROWTH);
            assertThat(index.pendingCount()).isEqualTo(ENTRIES);
        }
    }

    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
