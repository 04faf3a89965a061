package dev.mq.store;

import dev.mq.store.internal.BootId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart after a crash reads queue files only for what the last checkpoint's record of queue
 * ends does not cover: the queues written since, and those created since. Every other queue is
 * opened lazily, as after a graceful close. The crash is a copy of the data directory taken while
 * the store is open (abort marker and all, every write in the page cache, as after SIGKILL),
 * opened as a store of its own; bytes are counted through {@link MessageStore#queueEndBytesRead()}.
 */
class CheckpointedCrashRestartTest {

    private static final int TOPICS = 500;
    private static final int QUEUES = 4;
    /** Bytes of one queue file of {@link TestStores#small} (50 entries). */
    private static final long FILE_BYTES = 50L * 20;
    /** What scanning every queue at least costs: one file each. */
    private static final long FULL_SCAN = TOPICS * QUEUES * FILE_BYTES;

    @TempDir
    Path root;

    private Path live;
    private Path crashed;
    private MessageStore store;
    /** What each queue holds, in order: its bodies by queue offset. */
    private final Map<String, List<String>> expected = new HashMap<>();

    @BeforeEach
    void openLiveStore() {
        live = root.resolve("live");
        crashed = root.resolve("crashed");
        store = MessageStore.open(config(live));
    }

    @AfterEach
    void closeLiveStore() {
        store.close();
    }

    /** No periodic checkpoint: the test takes them with {@link MessageStore#checkpointNow()}. */
    private static StoreConfig config(Path dir) {
        return TestStores.small(dir).consumeQueueFlushInterval(Duration.ofHours(1)).build();
    }

    private void append(String topic, int queueId, String body) {
        expected.computeIfAbsent(topic + "/" + queueId, k -> new ArrayList<>()).add(body);
    }

    private void write(List<String[]> messages) {
        List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
        for (String[] m : messages) {
            append(m[0], Integer.parseInt(m[1]), m[2]);
            appends.add(store.append(message(m[0], Integer.parseInt(m[1]), m[2])));
        }
        appends.forEach(a -> assertThat(a.join().status()).isEqualTo(AppendStatus.OK));
        await().until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
    }

    private void fillEveryQueue() {
        List<String[]> messages = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            for (int q = 0; q < QUEUES; q++) {
                messages.add(new String[] {"T-" + t, String.valueOf(q), "m-" + t + "-" + q});
            }
        }
        write(messages);
    }

    private void writeTo(String topic, int queueId, int count, String prefix) {
        List<String[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(new String[] {topic, String.valueOf(queueId), prefix + "-" + i});
        }
        write(messages);
    }

    /** Copies the live directory as it is now, as a killed process would leave it. */
    private void crashCopy() throws IOException {
        try (Stream<Path> walk = Files.walk(live)) {
            for (Path source : walk.toList()) {
                Path target = crashed.resolve(live.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("lock")) {
                    Files.copy(source, target);
                }
            }
        }
        assertThat(crashed.resolve("abort")).exists();
    }

    private void assertEveryQueueAsWritten(MessageStore reopened) {
        expected.forEach((key, bodies) -> {
            String topic = key.substring(0, key.indexOf('/'));
            int queueId = Integer.parseInt(key.substring(key.indexOf('/') + 1));
            assertThat(reopened.minOffset(topic, queueId)).as(key).isZero();
            assertThat(reopened.maxOffset(topic, queueId)).as(key).isEqualTo(bodies.size());
            assertThat(readAll(reopened, topic, queueId)).as(key).isEqualTo(bodies);
        });
        CorruptionRecoveryTest.assertEveryRecordValid(reopened);
    }

    /**
     * Checkpoints until the checkpoint covers the whole log: while a new queue's first entries wait
     * for its file, a checkpoint stops before them, and the crash restart would re-dispatch more.
     */
    private void checkpointEverything() {
        await().until(() -> {
            store.checkpointNow();
            String json = Files.readString(live.resolve("checkpoint"));
            Matcher m = Pattern.compile("\"dispatched\"\\s*:\\s*(\\d+)").matcher(json);
            return m.find() && Long.parseLong(m.group(1)) == store.commitLogMaxOffset();
        });
    }

    /** Checkpoint, a few queues written after it (one across a file boundary), new queues, crash. */
    private void writeCheckpointChangeAndCrash() throws IOException {
        fillEveryQueue();
        writeTo("T-1", 0, 40, "before");        // 41 entries, checkpointed
        checkpointEverything();                  // the first record of a life: a snapshot
        writeTo("T-2", 1, 3, "journaled");
        checkpointEverything();                  // a journal line
        assertThat(Files.size(live.resolve("queue-ends-checkpoint.journal"))).isPositive();

        writeTo("T-1", 0, 15, "after");          // entries 41..55: past the recorded end, into the next file
        writeTo("T-3", 2, 2, "after");
        writeTo("T-499", 3, 1, "after");
        writeTo("NEW-A", 0, 3, "new");           // created after the last record
        writeTo("NEW-B", 5, 60, "new");          // created after it, two files
        crashCopy();
    }

    @Test
    void aCrashRestartReadsOnlyTheQueuesChangedSinceTheCheckpointAndLosesNothing() throws IOException {
        writeCheckpointChangeAndCrash();

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.recoveredFromCrash()).isTrue();
            // 3 changed queues: one entry each; 2 new queues: scanned, at most two files each
            long bound = 3 * 40 + 2 * 2 * FILE_BYTES;
            assertThat(reopened.queueEndBytesRead()).isLessThanOrEqualTo(bound);
            assertThat(reopened.topics()).hasSize(TOPICS + 2).contains("NEW-A", "NEW-B");
            assertThat(reopened.queueIds("NEW-B")).containsExactly(5);

            assertEveryQueueAsWritten(reopened);

            AppendResult next = reopened.append(message("T-1", 0, "next")).join();
            assertThat(next.queueOffset()).isEqualTo(56);
            AppendResult firstOfNew = reopened.append(message("NEW-A", 0, "next")).join();
            assertThat(firstOfNew.queueOffset()).isEqualTo(3);
        }
    }

    @Test
    void queuesKnownFromTheRecordSurviveAGracefulCloseAndASecondCrash() throws IOException {
        writeCheckpointChangeAndCrash();
        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isLessThan(FULL_SCAN / 10);
            append("T-7", 2, "second life");
            assertThat(reopened.append(message("T-7", 2, "second life")).join().queueOffset()).isEqualTo(1);
            await().until(() -> reopened.dispatchedOffset() == reopened.commitLogMaxOffset());
        }
        try (MessageStore again = MessageStore.open(config(crashed))) {
            assertThat(again.recoveredFromCrash()).isFalse();
            assertEveryQueueAsWritten(again);
        }
    }

    @Test
    void aCrashRightAfterACrashRestartScansEverything() throws IOException {
        writeCheckpointChangeAndCrash();
        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isLessThan(FULL_SCAN / 10);
        }
        // the record was dropped at the open and no checkpoint has recorded anything since
        Files.writeString(crashed.resolve("abort"), BootId.current().orElse(""));
        Files.deleteIfExists(crashed.resolve("queue-ends.json"));
        try (MessageStore again = MessageStore.open(config(crashed))) {
            assertThat(again.recoveredFromCrash()).isTrue();
            assertThat(again.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(again);
        }
    }

    @Test
    void withoutARecordTheRestartScansEveryQueue() throws IOException {
        writeCheckpointChangeAndCrash();
        Files.delete(crashed.resolve("queue-ends-checkpoint.json"));

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(reopened);
        }
    }

    @Test
    void aCorruptSnapshotFallsBackToTheScan() throws IOException {
        writeCheckpointChangeAndCrash();
        Files.writeString(crashed.resolve("queue-ends-checkpoint.json"), "{ not json");

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(reopened);
        }
    }

    @Test
    void aJournalCorruptBeforeItsLastLineFallsBackToTheScan() throws IOException {
        writeCheckpointChangeAndCrash();
        Path journal = crashed.resolve("queue-ends-checkpoint.journal");
        String lines = Files.readString(journal);
        Files.writeString(journal, "{ garbage }\n" + lines);

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(reopened);
        }
    }

    @Test
    void aTornLastJournalLineIsDroppedAndTheCheckpointItBelongedToIsNotTrusted() throws IOException {
        writeCheckpointChangeAndCrash();
        Path journal = crashed.resolve("queue-ends-checkpoint.journal");
        // as if the process died while appending the next record, before its checkpoint file
        Files.write(journal, "{\"generation\":1,\"checkpointDisp".getBytes(), StandardOpenOption.APPEND);

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isLessThan(FULL_SCAN / 10);
            assertEveryQueueAsWritten(reopened);
        }
    }

    @Test
    void aRecordOlderThanTheCheckpointIsNotTrusted() throws IOException {
        writeCheckpointChangeAndCrash();
        Path checkpoint = crashed.resolve("checkpoint");
        String json = Files.readString(checkpoint);
        Files.writeString(checkpoint, json.replaceFirst("\"dispatched\"\\s*:\\s*\\d+",
                "\"dispatched\" : " + (store.commitLogMaxOffset())));

        try (MessageStore reopened = MessageStore.open(config(crashed))) {
            assertThat(reopened.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(reopened);
        }
    }

    @Test
    void afterARebootTheRecordIsNotTrusted() throws IOException {
        writeCheckpointChangeAndCrash();

        try (MessageStore reopened = MessageStore.openInBoot(config(crashed), "another-boot")) {
            assertThat(reopened.recoveredFromCrash()).isTrue();
            assertThat(reopened.queueEndBytesRead()).isGreaterThanOrEqualTo(FULL_SCAN);
            assertEveryQueueAsWritten(reopened);
        }
    }
}
