package dev.mq.store.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IndexServicePropertiesTest {

    /** One record: its keys, the gap to the previous record's offset and store time, and whether to reopen before it. */
    record Step(List<String> keys, int offsetGap, int timeGap, boolean reopenBefore) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "C"),
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3));
        Arbitrary<Step> step = Combinators.combine(
                key.list().ofMinSize(0).ofMaxSize(3),
                Arbitraries.integers().between(1, 500),
                Arbitraries.integers().between(0, 3_000),
                Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Step::new);
        return step.list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void lookupReturnsExactlyTheOffsetsPutForKeysOfTheSameHashNewestFirst(
            @ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 8) int slots,
            @ForAll @IntRange(min = 1, max = 10) int entriesPerFile,
            @ForAll @IntRange(min = 1, max = 20) int maxResults) throws IOException {
        Path dataDir = Files.createTempDirectory("index-property");
        IndexService service = new IndexService(dataDir, slots, entriesPerFile);
        try {
            service.load();
            Map<Integer, List<Long>> putByHash = new HashMap<>();
            List<String> keys = new ArrayList<>();
            long offset = 0;
            long time = 1_600_000_000_000L;
            for (Step step : steps) {
                if (step.reopenBefore()) {
                    service.close();
                    service = new IndexService(dataDir, slots, entriesPerFile);
                    service.load();
                    // the watermark lives in the newest file's header: none exists before the first key
                    assertThat(service.indexedUpTo()).isEqualTo(keys.isEmpty() ? 0 : offset);
                }
                time += step.timeGap();
                for (String key : step.keys()) {
                    service.put(key, offset, time);
                    putByHash.computeIfAbsent(IndexFile.keyHash(key), h -> new ArrayList<>()).add(offset);
                    keys.add(key);
                }
                offset += step.offsetGap();
                service.markIndexed(offset);
            }

            for (String key : keys) {
                List<Long> newestFirst = new ArrayList<>(putByHash.get(IndexFile.keyHash(key)));
                Collections.reverse(newestFirst);
                List<Long> expected = new ArrayList<>(new LinkedHashSet<>(newestFirst));

                assertThat(service.lookup(key, 0, Long.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(expected);
                assertThat(service.lookup(key, 0, Long.MAX_VALUE, maxResults))
                        .isEqualTo(expected.subList(0, Math.min(maxResults, expected.size())));
            }
        } finally {
            service.close();
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
