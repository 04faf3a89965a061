package dev.mq.server.broker.state;

import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournaledStateMapTest {

    private static final TypeReference<Map<String, TopicConfig>> TYPE = new TypeReference<>() { };

    @TempDir
    Path dir;

    private JournaledStateMap<TopicConfig> open() {
        return new JournaledStateMap<>(dir, "topics", TYPE, TopicConfig.class);
    }

    private static TopicConfig topic(int i) {
        return TopicConfig.of(String.format("scale-topic-%06d", i), 4, Permissions.READ_WRITE);
    }

    @Test
    void creatingThousandsOfTopicsOneByOneWritesBytesProportionalToThemNotOneFilePerCreate() throws Exception {
        int count = 5_000;
        long snapshotBytes;
        try (JournaledStateMap<TopicConfig> map = open()) {
            for (int i = 0; i < count; i++) {
                map.put(topic(i).topicName(), topic(i)).join(); // each waits: the worst case for group commit
            }
            assertThat(map.syncs()).isEqualTo(count);
            snapshotBytes = Files.size(dir.resolve("topics.json"));
            // rewriting the whole file per create writes about count * (final size) / 2 bytes
            long wholeFilePerCreate = count * snapshotBytes / 2;
            assertThat(map.bytesWritten()).as("bytes written for %d creates (final snapshot %d bytes)", count,
                    snapshotBytes).isLessThan(4 * snapshotBytes).isLessThan(wholeFilePerCreate / 500);
            assertThat(map.snapshots()).isBetween(1L, 12L);
        }
        try (JournaledStateMap<TopicConfig> reopened = open()) {
            assertThat(reopened.loaded()).hasSize(count).containsEntry(topic(4321).topicName(), topic(4321));
        }
    }

    @Test
    void concurrentChangesShareFsyncs() {
        int count = 4_000;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try (JournaledStateMap<TopicConfig> map = open()) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t * (count / 8);
                Thread thread = new Thread(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = first; i < first + count / 8; i++) {
                        mine.add(map.put(topic(i).topicName(), topic(i)));
                    }
                    synchronized (writes) {
                        writes.addAll(mine);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            threads.forEach(thread -> {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            assertThat(map.syncs()).as("journal forces for %d changes", count).isLessThan(count / 4);
        }
        try (JournaledStateMap<TopicConfig> reopened = open()) {
            assertThat(reopened.loaded()).hasSize(count);
        }
    }

    @Test
    void removalsAndReplacementsReplayInOrder() {
        try (JournaledStateMap<TopicConfig> map = open()) {
            map.put("a", topic(1));
            map.put("b", topic(2));
            map.remove("a");
            map.put("b", topic(3));
            map.put("c", topic(4)).join();
        }
        try (JournaledStateMap<TopicConfig> reopened = open()) {
            assertThat(reopened.loaded()).containsOnlyKeys("b", "c").containsEntry("b", topic(3));
        }
    }

    @Test
    void aLineTornByACrashAtTheEndIsDroppedAndEverythingBeforeItKept() throws Exception {
        try (JournaledStateMap<TopicConfig> map = open()) {
            map.put("a", topic(1)).join();
        }
        Path journal = dir.resolve("topics.json.journal");
        Files.writeString(journal, "{\"key\":\"b\",\"value\":{\"topicName\":\"b\",\"readQueueNums\":2,\"writeQueueNums\":2,\"perm\":6,\"topicSysFlag\":0,\"order\":false}}\n{\"key\":\"c\",\"val",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (JournaledStateMap<TopicConfig> reopened = open()) {
            assertThat(reopened.loaded()).containsOnlyKeys("a", "b");
        }
        assertThat(Files.size(journal)).as("compacted at load").isZero();
    }

    @Test
    void anUnreadableLineFollowedByReadableOnesIsCorruptionNotATornWrite() throws Exception {
        try (JournaledStateMap<TopicConfig> map = open()) {
            map.put("a", topic(1)).join();
        }
        Files.writeString(dir.resolve("topics.json.journal"), "garbage\n{\"key\":\"b\",\"value\":{\"topicName\":\"b\",\"readQueueNums\":2,\"writeQueueNums\":2,\"perm\":6,\"topicSysFlag\":0,\"order\":false}}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("corrupt at line");
    }

    @Test
    void aTopicsFileWrittenBeforeTheJournalExistedLoads() throws Exception {
        Files.writeString(dir.resolve("topics.json"),
                "{\"old\":{\"topicName\":\"old\",\"readQueueNums\":2,\"writeQueueNums\":2,\"perm\":6,"
                + "\"topicSysFlag\":0,\"order\":false}}");
        TopicTable table = new TopicTable(dir, Clock.systemUTC(), false, 8);
        assertThat(table.get("old").readQueueNums()).isEqualTo(2);
        table.close();
    }

    @Test
    void aChangeAfterCloseFails() {
        JournaledStateMap<TopicConfig> map = open();
        map.close();
        assertThat(map.put("a", topic(1))).isCompletedExceptionally();
    }
}
