package dev.mq.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.mq.store.internal.ConsumeQueueFixtures.putStandard;
import static dev.mq.store.internal.ConsumeQueueFixtures.readAll;
import static dev.mq.store.internal.ConsumeQueueFixtures.standard;
import static dev.mq.store.internal.ConsumeQueueFixtures.standardRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumeQueueStoreTest {

    private static final String RETRY_TOPIC = "%RETRY%group|a";

    @TempDir
    Path dataDir;

    private ConsumeQueueStore store;

    private ConsumeQueueStore open() {
        store = new ConsumeQueueStore(dataDir, 4);
        store.loadAll();
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void loadingFindsEveryQueueWrittenBefore() {
        ConsumeQueueStore first = open();
        putStandard(first.findOrCreate("orders", 0), 0, 6);
        putStandard(first.findOrCreate("orders", 3), 0, 2);
        putStandard(first.findOrCreate(RETRY_TOPIC, 1), 0, 9);
        first.findOrCreate("never-written", 0);
        first.close();

        ConsumeQueueStore reopened = open();

        assertThat(reopened.topics()).containsExactly(RETRY_TOPIC, "orders");
        assertThat(reopened.queueIds("orders")).containsExactly(0, 3);
        assertThat(reopened.find(RETRY_TOPIC, 1).maxOffset()).isEqualTo(9);
        assertThat(readAll(reopened.find("orders", 0), 8)).containsExactlyElementsOf(standardRange(0, 6));
    }

    @Test
    void findReturnsNullForAnUnknownQueue() {
        ConsumeQueueStore store = open();
        store.findOrCreate("orders", 0);

        assertThat(store.find("orders", 1)).isNull();
        assertThat(store.find("other", 0)).isNull();
        assertThat(store.queueIds("other")).isEmpty();
    }

    @Test
    void findOrCreateReturnsTheSameQueueEachTime() {
        ConsumeQueueStore store = open();

        assertThat(store.findOrCreate("orders", 2)).isSameAs(store.findOrCreate("orders", 2));
        assertThat(store.find("orders", 2)).isSameAs(store.findOrCreate("orders", 2));
    }

    @Test
    void deletingATopicRemovesItsQueuesAndDirectory() {
        ConsumeQueueStore store = open();
        putStandard(store.findOrCreate(RETRY_TOPIC, 0), 0, 6);
        putStandard(store.findOrCreate(RETRY_TOPIC, 1), 0, 2);
        putStandard(store.findOrCreate("orders", 0), 0, 2);

        store.deleteTopic(RETRY_TOPIC);

        assertThat(store.topics()).containsExactly("orders");
        assertThat(FileNames.consumeQueueDir(dataDir).resolve(RETRY_TOPIC)).doesNotExist();
        assertThat(store.find("orders", 0).maxOffset()).isEqualTo(2);
    }

    @Test
    void topicNamesThatAreNotADirectoryNameAreRejected() {
        ConsumeQueueStore store = open();

        assertThatThrownBy(() -> store.findOrCreate("..", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.findOrCreate("a/b", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteTopic("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatingAllQueuesCutsEachOfThem() {
        ConsumeQueueStore store = open();
        putStandard(store.findOrCreate("a", 0), 0, 9);
        putStandard(store.findOrCreate("b", 0), 0, 3);

        store.truncateAll(standard(5).commitLogOffset());

        assertThat(store.find("a", 0).maxOffset()).isEqualTo(5);
        assertThat(store.find("b", 0).maxOffset()).isEqualTo(3);
    }

    @Test
    void retentionRunsOnAllQueues() {
        ConsumeQueueStore store = open();
        putStandard(store.findOrCreate("a", 0), 0, 9);
        putStandard(store.findOrCreate("b", 0), 0, 3);

        store.deleteFilesBelow(standard(5).commitLogOffset());

        assertThat(store.find("a", 0).minOffset()).isEqualTo(5);
        assertThat(store.find("b", 0).minOffset()).isEqualTo(3);
    }

    @Test
    void theLastCommitLogEndsSpanTheQueues() {
        ConsumeQueueStore store = open();
        assertThat(store.minLastCommitLogEnd()).isEqualTo(-1);
        assertThat(store.maxLastCommitLogEnd()).isEqualTo(-1);
        putStandard(store.findOrCreate("a", 0), 0, 9);
        putStandard(store.findOrCreate("b", 0), 0, 3);
        store.findOrCreate("c", 0);

        assertThat(store.minLastCommitLogEnd()).isEqualTo(standard(2).commitLogOffset() + standard(2).size());
        assertThat(store.maxLastCommitLogEnd()).isEqualTo(standard(8).commitLogOffset() + standard(8).size());
    }

    @Test
    void flushingAndClosingTwiceAreHarmless() {
        ConsumeQueueStore store = open();
        putStandard(store.findOrCreate("a", 0), 0, 5);

        store.flushAll();
        store.close();
        store.close();

        assertThat(store.topics()).isEmpty();
    }

    @Test
    void directoriesThatAreNotQueuesAreIgnored() throws IOException {
        Files.createDirectories(FileNames.consumeQueueDir(dataDir).resolve("orders").resolve("not-a-queue"));
        Files.createDirectories(FileNames.consumeQueueDir(dataDir).resolve("orders").resolve("7"));

        ConsumeQueueStore store = open();

        assertThat(store.topics()).isEmpty();
    }
}
