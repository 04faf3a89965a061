package dev.mq.store.timer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random due times, random steps of time and random reopens: every entry is delivered exactly
 * once, never before its due time, and no later than the first pass at or after it.
 */
class TimerIndexPropertiesTest {

    private static final long BUCKET = 1_000;
    private static final long T0 = 1_700_000_000_000L;

    private Path dir;

    @BeforeTry
    void createDir() throws IOException {
        dir = Files.createTempDirectory("timer-index");
    }

    @AfterTry
    void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Provide
    Arbitrary<List<Long>> dueOffsets() {
        return Arbitraries.longs().between(-3_000, 20_000).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 3_000).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 200)
    void everyEntryIsDeliveredOnceWhenDue(@ForAll("dueOffsets") List<Long> dues, @ForAll("steps") List<Integer> steps,
                                         @ForAll("steps") List<Integer> reopenAt) {
        List<Long> delivered = new ArrayList<>();
        long[] deliveredAt = new long[dues.size()];
        TimerIndex index = TimerIndex.open(dir, BUCKET);
        long now = T0;
        int added = 0;
        try {
            for (int step = 0; step < steps.size() || now < T0 + 25_000; step++) {
                long atNow = now;
                // entries arrive over time, a few per step
                for (int i = 0; i < 3 && added < dues.size(); i++, added++) {
                    index.add(T0 + dues.get(added), added, 10);
                }
                index.deliverDue(now, (due, offset, size) -> {
                    assertThat(due).as("entry %d delivered early", offset).isLessThanOrEqualTo(atNow);
                    delivered.add(offset);
                    deliveredAt[(int) offset] = atNow;
                    return true;
                });
                index.confirmDelivered();
                if (reopenAt.contains(step)) {
                    index.close();
                    index = TimerIndex.open(dir, BUCKET);
                }
                now += step < steps.size() ? steps.get(step) : 1_000;
            }
            for (; added < dues.size(); added++) {
                index.add(T0 + dues.get(added), added, 10);
            }
            long end = now;
            index.deliverDue(end, (due, offset, size) -> {
                delivered.add(offset);
                deliveredAt[(int) offset] = end;
                return true;
            });
            index.confirmDelivered();
            assertThat(delivered).doesNotHaveDuplicates().hasSize(dues.size());
            assertThat(index.pendingCount()).isZero();
        } finally {
            index.close();
        }
    }
}
