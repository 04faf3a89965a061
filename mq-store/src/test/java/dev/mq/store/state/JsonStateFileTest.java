package dev.mq.store.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.core.type.TypeReference;

class JsonStateFileTest {

    record QueueConfig(int readQueues, int writeQueues, String permission) {
    }

    record TopicTable(long version, Map<String, QueueConfig> topics) {
    }

    @TempDir
    Path dir;

    private static TopicTable table(long version, String... topics) {
        Map<String, QueueConfig> map = new LinkedHashMap<>();
        for (String topic : topics) {
            map.put(topic, new QueueConfig(4, 4, "RW"));
        }
        return new TopicTable(version, map);
    }

    private Path tempOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    @Test
    void writtenRecordWithMapFieldIsReadBackEqual() {
        Path file = dir.resolve("topics.json");
        TopicTable written = new TopicTable(7, Map.of(
                "orders", new QueueConfig(8, 8, "RW"),
                "%RETRY%billing", new QueueConfig(1, 1, "R")));

        new JsonStateFile<>(file, TopicTable.class).write(written);

        assertThat(new JsonStateFile<>(file, TopicTable.class).read()).contains(written);
        assertThat(tempOf(file)).doesNotExist();
    }

    @Test
    void genericTypeGivenAsTypeReferenceIsReadBackEqual() {
        Path file = dir.resolve("offsets.json");
        JsonStateFile<Map<String, Map<Integer, Long>>> offsets =
                new JsonStateFile<>(file, new TypeReference<Map<String, Map<Integer, Long>>>() { });
        Map<String, Map<Integer, Long>> written = Map.of("orders@billing", Map.of(0, 42L, 1, 1L << 40));

        offsets.write(written);

        assertThat(offsets.read()).contains(written);
    }

    @Test
    void missingFileReadsAsEmpty() {
        assertThat(new JsonStateFile<>(dir.resolve("topics.json"), TopicTable.class).read()).isEmpty();
    }

    @Test
    void leftoverTempFileFromACrashIsIgnoredAndDeleted() throws IOException {
        Path file = dir.resolve("topics.json");
        JsonStateFile<TopicTable> state = new JsonStateFile<>(file, TopicTable.class);
        TopicTable previous = table(1, "orders");
        state.write(previous);
        Files.write(tempOf(file), "{\"version\": 2, \"topics\": {\"orde".getBytes(UTF_8));

        assertThat(new JsonStateFile<>(file, TopicTable.class).read()).contains(previous);
        assertThat(tempOf(file)).doesNotExist();
    }

    @Test
    void leftoverTempFileWithoutTargetReadsAsEmpty() throws IOException {
        Path file = dir.resolve("topics.json");
        Files.write(tempOf(file), new byte[] {0, 1, 2, 3});

        assertThat(new JsonStateFile<>(file, TopicTable.class).read()).isEmpty();
        assertThat(tempOf(file)).doesNotExist();
    }

    @Test
    void corruptTargetIsReportedWithItsPath() throws IOException {
        Path file = dir.resolve("offsets.json");
        Files.write(file, "{\"version\": 3, \"topics\": {".getBytes(UTF_8));

        assertThatThrownBy(() -> new JsonStateFile<>(file, TopicTable.class).read())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void emptyOrNullTargetIsCorruptNotAbsent() throws IOException {
        Path empty = dir.resolve("empty.json");
        Files.write(empty, new byte[0]);
        Path literalNull = dir.resolve("null.json");
        Files.write(literalNull, "null".getBytes(UTF_8));

        assertThatThrownBy(() -> new JsonStateFile<>(empty, TopicTable.class).read())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> new JsonStateFile<>(literalNull, TopicTable.class).read())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(literalNull.toString());
    }

    @Test
    void writeReplacesThePreviousValue() {
        Path file = dir.resolve("topics.json");
        JsonStateFile<TopicTable> state = new JsonStateFile<>(file, TopicTable.class);
        state.write(table(1, "orders", "payments", "audit"));

        TopicTable replacement = table(2, "orders");
        state.write(replacement);

        assertThat(state.read()).contains(replacement);
        assertThat(new JsonStateFile<>(file, TopicTable.class).read()).contains(replacement);
    }

    @Test
    void writeCreatesMissingParentDirectories() {
        Path file = dir.resolve("data").resolve("config").resolve("topics.json");
        TopicTable value = table(1, "orders");

        new JsonStateFile<>(file, TopicTable.class).write(value);

        assertThat(file).isRegularFile();
        assertThat(new JsonStateFile<>(file, TopicTable.class).read()).contains(value);
    }

    @Test
    void writeThatCannotCreateTheDirectoryNamesTheFile() throws IOException {
        Path notADirectory = Files.write(dir.resolve("config"), new byte[] {1});
        Path file = notADirectory.resolve("topics.json");

        assertThatThrownBy(() -> new JsonStateFile<>(file, TopicTable.class).write(table(1, "orders")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    @Timeout(30)
    void concurrentWritersNeverLeaveAMixedOrPartialDocument() throws Exception {
        Path file = dir.resolve("topics.json");
        JsonStateFile<TopicTable> state = new JsonStateFile<>(file, TopicTable.class);
        int writers = 4;
        int writesEach = 25;
        List<TopicTable> candidates = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            candidates.add(table(w, "topic-" + w + "-a", "topic-" + w + "-b"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (TopicTable candidate : candidates) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesEach; i++) {
                        state.write(candidate);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(state.read()).hasValueSatisfying(value -> assertThat(candidates).contains(value));
        assertThat(tempOf(file)).doesNotExist();
    }
}
