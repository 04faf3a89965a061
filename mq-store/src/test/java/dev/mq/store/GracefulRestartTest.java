package dev.mq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful restart costs what is used, not what exists: the queues recorded at the close are
 * only opened when first used, and opening one reads the two entries around its end. Counted in
 * bytes through {@link MessageStore#queueEndBytesRead()}, not in time.
 */
class GracefulRestartTest {

    private static final int TOPICS = 500;
    private static final int QUEUES = 4;
    /** Entries read to open one recorded queue: the last one and the one after it. */
    private static final long PER_OPENED_QUEUE = 40;

    @TempDir
    Path dir;

    private MessageStore open() {
        return MessageStore.open(TestStores.small(dir).build());
    }

    /** One message into each of TOPICS x QUEUES queues, then a graceful close. */
    private void fillAndClose() {
        try (MessageStore store = open()) {
            List<CompletableFuture<AppendResult>> appends = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                for (int q = 0; q < QUEUES; q++) {
                    appends.add(store.append(message("T-" + t, q, "m-" + t + "-" + q)));
                }
            }
            appends.forEach(append -> assertThat(append.join().status()).isEqualTo(AppendStatus.OK));
            await().until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
        }
    }

    @Test
    void openingAfterAGracefulCloseReadsNoQueueFileAndUsingAQueueReadsTwoEntries() {
        fillAndClose();

        try (MessageStore store = open()) {
            assertThat(store.recoveredFromCrash()).isFalse();
            assertThat(store.queueEndBytesRead()).isZero();
            assertThat(store.topics()).hasSize(TOPICS).contains("T-0", "T-499");
            assertThat(store.queueIds("T-7")).containsExactly(0, 1, 2, 3);

            for (int t = 0; t < 10; t++) {
                assertThat(readAll(store, "T-" + t, 1)).containsExactly("m-" + t + "-1");
            }
            assertThat(store.queueEndBytesRead()).isEqualTo(10 * PER_OPENED_QUEUE);

            AppendResult appended = store.append(message("T-300", 2, "second")).join();
            assertThat(appended.queueOffset()).isEqualTo(1);
            await().until(() -> store.maxOffset("T-300", 2) == 2);
            assertThat(readAll(store, "T-300", 2)).containsExactly("m-300-2", "second");
            assertThat(store.queueEndBytesRead()).isEqualTo(11 * PER_OPENED_QUEUE);
        }

        try (MessageStore store = open()) {
            for (int t = 0; t < TOPICS; t++) {
                for (int q = 0; q < QUEUES; q++) {
                    assertThat(store.maxOffset("T-" + t, q)).isEqualTo(t == 300 && q == 2 ? 2 : 1);
                }
            }
            assertThat(store.queueEndBytesRead()).isEqualTo(TOPICS * QUEUES * PER_OPENED_QUEUE);
            assertThat(readAll(store, "T-300", 2)).containsExactly("m-300-2", "second");
        }
    }

    @Test
    void aCrashAfterAGracefulRestartScansEveryQueueAgain() throws IOException {
        fillAndClose();
        try (MessageStore store = open()) {
            assertThat(store.append(message("T-5", 0, "after restart")).join().status()).isEqualTo(AppendStatus.OK);
        }
        Files.createFile(dir.resolve("abort")); // as if the process had died

        try (MessageStore store = open()) {
            assertThat(store.recoveredFromCrash()).isTrue();
            long fileBytes = 50L * 20;
            assertThat(store.queueEndBytesRead()).isGreaterThanOrEqualTo(TOPICS * QUEUES * fileBytes);
            assertThat(readAll(store, "T-5", 0)).containsExactly("m-5-0", "after restart");
            assertThat(readAll(store, "T-499", 3)).containsExactly("m-499-3");
        }
    }

    @Test
    void unreadableQueueEndsOnlyCostTheFullLoad() throws IOException {
        fillAndClose();
        Files.writeString(dir.resolve("queue-ends.json"), "{ not json");

        try (MessageStore store = open()) {
            assertThat(store.queueEndBytesRead()).isGreaterThanOrEqualTo(TOPICS * QUEUES * 50L * 20);
            assertThat(readAll(store, "T-42", 3)).containsExactly("m-42-3");
        }
    }

    @Test
    void queueEndsThatDoNotMatchTheCheckpointAreNotTrusted() throws IOException {
        fillAndClose();
        Path ends = dir.resolve("queue-ends.json");
        String json = Files.readString(ends);
        Files.writeString(ends, json.replaceFirst("\"commitLogEnd\":\\d+", "\"commitLogEnd\":1"));

        try (MessageStore store = open()) {
            assertThat(store.queueEndBytesRead()).isGreaterThanOrEqualTo(TOPICS * QUEUES * 50L * 20);
            assertThat(store.topics()).hasSize(TOPICS);
            assertThat(readAll(store, "T-42", 3)).containsExactly("m-42-3");
        }
    }
}
