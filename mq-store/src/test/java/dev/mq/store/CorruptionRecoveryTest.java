package dev.mq.store;

import dev.mq.message.record.RecordView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CorruptionRecoveryTest {

    @TempDir
    Path dir;

    private List<AppendResult> writeAndClose(StoreConfig config, int count) {
        List<AppendResult> results = new ArrayList<>();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < count; i++) {
                results.add(store.append(message("T", 0, "m" + i + "-" + "x".repeat(300))).join());
            }
        }
        return results;
    }

    private Path segmentHolding(long offset) {
        long start = offset / TestStores.SEGMENT_SIZE * TestStores.SEGMENT_SIZE;
        return dir.resolve("commitlog").resolve(String.format("%020d", start));
    }

    private void flipByte(long commitLogOffset) throws IOException {
        Path segment = segmentHolding(commitLogOffset);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long at = commitLogOffset % TestStores.SEGMENT_SIZE;
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x5A);
        }
    }

    @Test
    void aFlippedBodyByteTruncatesTheLogAtThatRecordAndTheQueueIsRebuiltToMatch() throws IOException {
        StoreConfig config = TestStores.small(dir).build();
        List<AppendResult> written = writeAndClose(config, 40);
        AppendResult damaged = written.get(37);
        flipByte(damaged.commitLogOffset() + damaged.size() - 100); // inside the body

        try (MessageStore store = MessageStore.open(config)) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(damaged.commitLogOffset());
            assertThat(store.maxOffset("T", 0)).isEqualTo(37);
            List<String> bodies = readAll(store, "T", 0);
            assertThat(bodies).hasSize(37);
            assertThat(bodies.get(36)).startsWith("m36-");
            AppendResult next = store.append(message("T", 0, "after")).join();
            assertThat(next.queueOffset()).isEqualTo(37);
            assertThat(next.commitLogOffset()).isEqualTo(damaged.commitLogOffset());
        }
        try (MessageStore reopened = MessageStore.open(config)) {
            assertThat(readAll(reopened, "T", 0)).hasSize(38).last().isEqualTo("after");
        }
    }

    @Test
    void aSegmentTruncatedInsideARecordIsCutAtTheLastWholeRecord() throws IOException {
        StoreConfig config = TestStores.small(dir).build();
        List<AppendResult> written = writeAndClose(config, 30);
        AppendResult torn = written.get(25);
        Path segment = segmentHolding(torn.commitLogOffset());
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(torn.commitLogOffset() % TestStores.SEGMENT_SIZE + torn.size() / 2);
        }

        try (MessageStore store = MessageStore.open(config)) {
            assertThat(store.commitLogMaxOffset()).isEqualTo(torn.commitLogOffset());
            assertThat(readAll(store, "T", 0)).hasSize(25);
            assertThat(store.append(message("T", 0, "again")).join().queueOffset()).isEqualTo(25);
        }
    }

    @Test
    void garbageAfterTheLastRecordOfACrashedStoreNeverSurvives() throws IOException {
        StoreConfig config = TestStores.small(dir).build();
        List<AppendResult> written = writeAndClose(config, 10);
        long end = written.get(9).commitLogOffset() + written.get(9).size();
        Path segment = segmentHolding(end);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(end % TestStores.SEGMENT_SIZE + 4); // a record whose TOTALSIZE was never written
            file.write(new byte[] {(byte) 0xDA, (byte) 0xA3, 0x20, (byte) 0xA7, 1, 2, 3, 4, 5});
        }
        Files.createFile(dir.resolve("abort")); // as if the process had died

        try (MessageStore store = MessageStore.open(config)) {
            assertThat(store.recoveredFromCrash()).isTrue();
            assertThat(store.commitLogMaxOffset()).isEqualTo(end);
            AppendResult next = store.append(message("T", 0, "n")).join();
            assertThat(next.commitLogOffset()).isEqualTo(end);
        }
        try (MessageStore store = MessageStore.open(config)) {
            assertThat(readAll(store, "T", 0)).hasSize(11).last().isEqualTo("n");
            assertEveryRecordValid(store);
        }
    }

    @Test
    void aCrashCopyWithStaleQueuesIsRepairedByReDispatch() throws IOException {
        StoreConfig config = TestStores.small(dir).build();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 20; i++) {
                store.append(message("T", i % 2, "m" + i)).join();
            }
        }
        // Lose the consume queues and the index entirely, keep only the log: as after a crash
        // before any of them was flushed.
        deleteRecursively(dir.resolve("consumequeue"));
        deleteRecursively(dir.resolve("index"));
        Files.delete(dir.resolve("checkpoint"));
        Files.createFile(dir.resolve("abort"));

        try (MessageStore store = MessageStore.open(config)) {
            assertThat(readAll(store, "T", 0)).containsExactly("m0", "m2", "m4", "m6", "m8", "m10", "m12", "m14",
                    "m16", "m18");
            assertThat(readAll(store, "T", 1)).hasSize(10);
            assertThat(store.append(message("T", 1, "next")).join().queueOffset()).isEqualTo(10);
        }
    }

    static void assertEveryRecordValid(MessageStore store) {
        for (String topic : store.topics()) {
            for (int queueId : store.queueIds(topic)) {
                long expected = store.minOffset(topic, queueId);
                long offset = expected;
                while (true) {
                    try (GetMessageResult result = store.getMessages(topic, queueId, offset, 64, 1 << 22, null)) {
                        if (result.status() != GetMessageStatus.FOUND) {
                            assertThat(offset).isEqualTo(store.maxOffset(topic, queueId));
                            break;
                        }
                        for (ByteBuffer record : result.messages()) {
                            RecordView view = new RecordView();
                            assertThat(view.check(record, 0, record.remaining(), true)).isEqualTo(RecordView.Check.VALID);
                            assertThat(view.queueOffset()).isEqualTo(expected++);
                        }
                        offset = result.nextBeginOffset();
                    }
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
