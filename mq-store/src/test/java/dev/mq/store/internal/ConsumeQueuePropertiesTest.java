package dev.mq.store.internal;

import dev.mq.store.BoundaryType;
import dev.mq.store.internal.ConsumeQueueFixtures.Entry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.mq.store.internal.ConsumeQueueFixtures.TOPIC;
import static dev.mq.store.internal.ConsumeQueueFixtures.put;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

class ConsumeQueuePropertiesTest {

    /** How one generated entry follows the previous one. */
    record Step(int offsetGap, int commitLogGap, int size, long tagHash, int timeGap) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> offsetGaps = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 25)));
        Arbitrary<Step> step = Combinators.combine(offsetGaps, Arbitraries.integers().between(0, 5_000),
                        Arbitraries.integers().between(1, 4_000), Arbitraries.longs(), Arbitraries.integers().between(0, 3))
                .as(Step::new);
        return step.list().ofMinSize(0).ofMaxSize(60);
    }

    /** Turns steps into entries; the first entry's queue offset is its offset gap. */
    private static List<Entry> entries(List<Step> steps) {
        List<Entry> entries = new ArrayList<>();
        long queueOffset = -1;
        long commitLogOffset = 0;
        for (Step step : steps) {
            queueOffset += 1 + step.offsetGap();
            commitLogOffset += step.commitLogGap();
            entries.add(new Entry(queueOffset, commitLogOffset, step.size(), step.tagHash()));
            commitLogOffset += step.size();
        }
        return entries;
    }

    @Property(tries = 150)
    void everythingPutIsReadBackAcrossAReopen(@ForAll("steps") List<Step> steps,
                                              @ForAll @IntRange(min = 1, max = 9) int entriesPerFile,
                                              @ForAll @IntRange(min = 0, max = 60) int reopenAfter,
                                              @ForAll @IntRange(min = 1, max = 12) int batchCapacity)
            throws IOException {
        List<Entry> entries = entries(steps);
        Path dataDir = Files.createTempDirectory("cq-property");
        try {
            ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
            for (int i = 0; i < entries.size(); i++) {
                if (i == reopenAfter) {
                    queue.close();
                    queue = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
                }
                assertThat(put(queue, entries.get(i))).isTrue();
            }
            assertQueueHolds(queue, entries, batchCapacity);
            queue.close();

            ConsumeQueue reopened = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
            try {
                assertQueueHolds(reopened, entries, batchCapacity);
            } finally {
                reopened.close();
            }
        } finally {
            FileTrees.deleteRecursively(dataDir);
        }
    }

    private static void assertQueueHolds(ConsumeQueue queue, List<Entry> entries, int batchCapacity) {
        long expectedMin = entries.isEmpty() ? 0 : entries.get(0).queueOffset();
        long expectedMax = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).queueOffset() + 1;
        assertThat(queue.minOffset()).isEqualTo(expectedMin);
        assertThat(queue.maxOffset()).isEqualTo(expectedMax);
        assertThat(readAll(queue, batchCapacity)).containsExactlyElementsOf(entries);
        long expectedEnd = entries.isEmpty() ? -1
                : entries.get(entries.size() - 1).commitLogOffset() + entries.get(entries.size() - 1).size();
        assertThat(queue.lastCommitLogEnd()).isEqualTo(expectedEnd);
    }

    @Property(tries = 150)
    void offsetByTimeAgreesWithALinearScan(@ForAll("steps") List<Step> steps,
                                           @ForAll @IntRange(min = 1, max = 9) int entriesPerFile,
                                           @ForAll @IntRange(min = 0, max = 60) int goneCount,
                                           @ForAll @IntRange(min = -5, max = 200) int timestampOffset)
            throws IOException {
        List<Entry> entries = entries(steps);
        Map<Long, Long> timeByCommitLogOffset = new HashMap<>();
        long[] times = new long[entries.size()];
        long time = 1_000;
        for (int i = 0; i < entries.size(); i++) {
            time += steps.get(i).timeGap();
            times[i] = time;
            if (i >= goneCount) {
                timeByCommitLogOffset.put(entries.get(i).commitLogOffset(), time);
            }
        }
        StoreTimeLookup lookup = (commitLogOffset, size) -> timeByCommitLogOffset.getOrDefault(commitLogOffset, -1L);
        long timestamp = 1_000 + timestampOffset;

        Path dataDir = Files.createTempDirectory("cq-time-property");
        ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
        try {
            entries.forEach(entry -> put(queue, entry));

            long lower = queue.maxOffset();
            long upper = queue.minOffset();
            for (int i = entries.size() - 1; i >= goneCount; i--) {
                if (times[i] >= timestamp) {
                    lower = entries.get(i).queueOffset();
                }
            }
            for (int i = goneCount; i < entries.size(); i++) {
                if (times[i] <= timestamp) {
                    upper = entries.get(i).queueOffset();
                }
            }
            assertThat(queue.offsetByTime(timestamp, BoundaryType.LOWER, lookup)).isEqualTo(lower);
            assertThat(queue.offsetByTime(timestamp, BoundaryType.UPPER, lookup)).isEqualTo(upper);
        } finally {
            queue.close();
            FileTrees.deleteRecursively(dataDir);
        }
    }

    @Property(tries = 100)
    void truncationKeepsExactlyTheEntriesWithinTheCommitLogEnd(@ForAll("steps") List<Step> steps,
                                                              @ForAll @IntRange(min = 1, max = 9) int entriesPerFile,
                                                              @ForAll @IntRange(min = 0, max = 400_000) int commitLogEnd)
            throws IOException {
        List<Entry> entries = entries(steps);
        Path dataDir = Files.createTempDirectory("cq-truncate-property");
        try {
            ConsumeQueue queue = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
            entries.forEach(entry -> put(queue, entry));
            List<Entry> kept = entries.stream().filter(e -> e.commitLogOffset() + e.size() <= commitLogEnd).toList();

            queue.truncateFrom(commitLogEnd);
            queue.close();

            ConsumeQueue reopened = ConsumeQueue.load(dataDir, TOPIC, 0, entriesPerFile);
            try {
                if (!kept.isEmpty()) {
                    assertThat(reopened.maxOffset()).isEqualTo(kept.get(kept.size() - 1).queueOffset() + 1);
                } else if (!entries.isEmpty()) {
                    assertThat(reopened.maxOffset()).isLessThanOrEqualTo(entries.get(0).queueOffset());
                }
                assertThat(readAll(reopened, 5)).containsExactlyElementsOf(kept);
            } finally {
                reopened.close();
            }
        } finally {
            FileTrees.deleteRecursively(dataDir);
        }
    }
}
