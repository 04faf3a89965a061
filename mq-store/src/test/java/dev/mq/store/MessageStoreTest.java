package dev.mq.store;

import dev.mq.message.record.RecordView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.mq.store.TestStores.bodies;
import static dev.mq.store.TestStores.message;
import static dev.mq.store.TestStores.readAll;
import static dev.mq.store.TestStores.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class MessageStoreTest {

    @TempDir
    Path dir;

    private final List<MessageStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::close);
    }

    private MessageStore open(StoreConfig config) {
        MessageStore store = MessageStore.open(config);
        opened.add(store);
        return store;
    }

    private MessageStore open(StoreConfig config, Clock clock) {
        MessageStore store = MessageStore.open(config, clock, DiskUsageProbe.of(config.dataDir()));
        opened.add(store);
        return store;
    }

    private static final String APPENDER_THREAD = "mq-store-appender";

    private static Set<Thread> appenderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(APPENDER_THREAD) && thread.isAlive())
                .collect(Collectors.toSet());
    }

    /** Opens a store and returns it with its appender thread (the one that was not there before). */
    private Map.Entry<MessageStore, Thread> openWithAppender(StoreConfig config, Clock clock) {
        Set<Thread> before = appenderThreads();
        MessageStore store = open(config, clock);
        Set<Thread> started = appenderThreads();
        started.removeAll(before);
        assertThat(started).as("the new store's appender thread").hasSize(1);
        return Map.entry(store, started.iterator().next());
    }

    /** Waits until the appender has run out of work and parked (it wakes every millisecond to look again). */
    private static void awaitParked(Thread appender) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> appender.getState() == Thread.State.TIMED_WAITING
                        || appender.getState() == Thread.State.WAITING);
    }

    /**
     * Waits until an idle ASYNC appender is in its longest parks: its parks double from 1 ms to
     * 16 ms while it stays idle, so right after its last write it is awake again within a
     * millisecond, too soon for a test that needs it asleep while a burst is queued and written.
     */
    private static void awaitLongParks(Thread appender) throws InterruptedException {
        awaitParked(appender);
        Thread.sleep(40);
        awaitParked(appender);
    }

    private static AppendResult ok(CompletableFuture<AppendResult> future) {
        AppendResult result = future.join();
        assertThat(result.status()).as(String.valueOf(result.detail())).isEqualTo(AppendStatus.OK);
        return result;
    }

    private static void awaitDispatched(MessageStore store) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
    }

    @Test
    void appendedMessagesAreReadBackInOrderWithConsecutiveQueueOffsets() {
        MessageStore store = open(TestStores.small(dir).build());
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(ok(store.append(message("T", 1, "m" + i))));
        }
        awaitDispatched(store);

        assertThat(results).extracting(AppendResult::queueOffset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(results.get(1).commitLogOffset()).isEqualTo(results.get(0).commitLogOffset() + results.get(0).size());
        try (GetMessageResult read = store.getMessages("T", 1, 3, 4, 1 << 20, null)) {
            assertThat(read.status()).isEqualTo(GetMessageStatus.FOUND);
            assertThat(bodies(read)).containsExactly("m3", "m4", "m5", "m6");
            assertThat(read.nextBeginOffset()).isEqualTo(7);
            assertThat(read.minOffset()).isZero();
            assertThat(read.maxOffset()).isEqualTo(10);
            assertThat(read.firstQueueOffset()).isEqualTo(3);
            RecordView view = new RecordView().wrap(read.messages().get(0), 0);
            assertThat(view.physicalOffset()).isEqualTo(results.get(3).commitLogOffset());
            assertThat(view.storeTimestamp()).isEqualTo(results.get(3).storeTimestamp());
            assertThat(read.messages().get(0).isReadOnly()).isTrue();
        }
    }

    @Test
    void queuesAreIndependent() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(message("A", 0, "a0")));
        ok(store.append(message("B", 0, "b0")));
        ok(store.append(message("A", 0, "a1")));
        ok(store.append(message("A", 2, "a2-0")));
        awaitDispatched(store);
        assertThat(readAll(store, "A", 0)).containsExactly("a0", "a1");
        assertThat(readAll(store, "B", 0)).containsExactly("b0");
        assertThat(readAll(store, "A", 2)).containsExactly("a2-0");
        assertThat(store.topics()).containsExactlyInAnyOrder("A", "B");
        assertThat(store.queueIds("A")).containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void readStatusesFollowTheOffsetRules() {
        MessageStore store = open(TestStores.small(dir).build());
        try (GetMessageResult none = store.getMessages("T", 0, 0, 1, 1024, null)) {
            assertThat(none.status()).isEqualTo(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        }
        ok(store.append(message("T", 0, "x")));
        ok(store.append(message("T", 0, "y")));
        awaitDispatched(store);
        try (GetMessageResult atEnd = store.getMessages("T", 0, 2, 1, 1024, null)) {
            assertThat(atEnd.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_ONE);
            assertThat(atEnd.nextBeginOffset()).isEqualTo(2);
        }
        try (GetMessageResult beyond = store.getMessages("T", 0, 9, 1, 1024, null)) {
            assertThat(beyond.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_BADLY);
            assertThat(beyond.nextBeginOffset()).isEqualTo(2);
        }
    }

    @Test
    void readsFromMemoryWhenTheRecordIsWithinTheHotWindowOfTheNewestCommitLogBytes() {
        MessageStore store = open(TestStores.small(dir).build());
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(ok(store.append(message("T", 0, "m" + i))));
        }
        ok(store.append(message("U", 0, "other")));
        awaitDispatched(store);
        long end = store.commitLogMaxOffset();
        long window = end - results.get(1).commitLogOffset(); // m1 and everything after it
        MessageStore narrow = reopen(store, TestStores.small(dir).hotWindowBytes(window).build());

        assertThat(narrow.readsFromMemory("T", 0, 0)).as("m0 lies before the window").isFalse();
        assertThat(narrow.readsFromMemory("T", 0, 1)).as("m1 starts the window").isTrue();
        assertThat(narrow.readsFromMemory("T", 0, 2)).isTrue();
        assertThat(narrow.readsFromMemory("T", 0, 3)).as("at the end: answered at once").isTrue();
        assertThat(narrow.readsFromMemory("T", 0, 99)).as("beyond the end").isTrue();
        assertThat(narrow.readsFromMemory("T", 7, 0)).as("an unknown queue").isTrue();
        assertThat(narrow.readsFromMemory("None", 0, 0)).as("an unknown topic").isTrue();
    }

    @Test
    void readsFromAnOlderConsumeQueueFileThanTheQueuesNewestCountAsFromDisk() {
        MessageStore store = open(TestStores.small(dir).build()); // 50 entries per consume-queue file
        for (int i = 0; i < 51; i++) {
            ok(store.append(message("T", 0, "m" + i)));
        }
        awaitDispatched(store);

        assertThat(store.readsFromMemory("T", 0, 0)).isFalse();
        assertThat(store.readsFromMemory("T", 0, 49)).isFalse();
        assertThat(store.readsFromMemory("T", 0, 50)).as("in the newest file, and the window is large").isTrue();
    }

    @Test
    void aZeroHotWindowCountsNoStoredRecordAsInMemory() {
        MessageStore store = open(TestStores.small(dir).hotWindowBytes(0L).build());
        ok(store.append(message("T", 0, "m0")));
        awaitDispatched(store);

        assertThat(store.readsFromMemory("T", 0, 0)).isFalse();
        assertThat(store.readsFromMemory("T", 0, 1)).isTrue();
    }

    @Test
    void aNegativeHotWindowIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> TestStores.small(dir).hotWindowBytes(-1L).build())
                .isInstanceOf(InvalidStoreConfigException.class).hasMessageContaining("hot-window");
    }

    @Test
    void theDefaultHotWindowIsAShareOfThePhysicalMemory() {
        long window = TestStores.small(dir).build().hotWindowBytes();
        assertThat(window).isEqualTo(StoreConfig.defaultHotWindowBytes()).isPositive();
    }

    /** Closes {@code store} and opens its directory again with {@code config}. */
    private MessageStore reopen(MessageStore store, StoreConfig config) {
        store.close();
        opened.remove(store);
        return open(config);
    }

    @Test
    void aWriteThatFindsTheDispatcherParkedIsDispatchedOnTheWritersThread() {
        Set<Thread> dispatchersBefore = threadsNamed("mq-store-dispatcher");
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), Clock.systemUTC());
        MessageStore store = opened.getKey();
        Thread appender = opened.getValue();
        Set<Thread> dispatchers = threadsNamed("mq-store-dispatcher");
        dispatchers.removeAll(dispatchersBefore);
        assertThat(dispatchers).as("the new store's dispatcher thread").hasSize(1);
        Thread dispatcher = dispatchers.iterator().next();
        List<String> dispatchedOn = new CopyOnWriteArrayList<>();
        store.addDispatchListener((topic, queueId, maxOffset) -> dispatchedOn.add(Thread.currentThread().getName()));
        String writer = Thread.currentThread().getName();
        boolean onTheWriter = false;
        int sent = 0;
        // both threads wake now and then to look for work: a write can meet one awake, so try a few
        for (int attempt = 0; attempt < 20 && !onTheWriter; attempt++) {
            awaitParked(appender);
            awaitParked(dispatcher);
            dispatchedOn.clear();
            ok(store.append(message("T", 0, "m" + sent++)));
            onTheWriter = dispatchedOn.equals(List.of(writer));
        }
        assertThat(onTheWriter).as("dispatched by the thread that wrote it, while the dispatcher stayed parked").isTrue();
        awaitDispatched(store);
        assertThat(readAll(store, "T", 0)).containsExactlyElementsOf(IntStream.range(0, sent).mapToObj(i -> "m" + i).toList());
    }

    private static Set<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void maxBytesLimitsAReadButNeverBelowOneMessage() {
        MessageStore store = open(TestStores.small(dir).build());
        for (int i = 0; i < 5; i++) {
            ok(store.append(message("T", 0, "x".repeat(500))));
        }
        awaitDispatched(store);
        try (GetMessageResult read = store.getMessages("T", 0, 0, 32, 1, null)) {
            assertThat(read.messageCount()).isEqualTo(1);
            assertThat(read.nextBeginOffset()).isEqualTo(1);
        }
        try (GetMessageResult read = store.getMessages("T", 0, 0, 32, 1300, null)) {
            assertThat(read.messageCount()).isEqualTo(2);
            assertThat(read.nextBeginOffset()).isEqualTo(2);
        }
    }

    @Test
    void theTagFilterSkipsOtherTagsAndReportsWhereToContinue() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(tagged("T", 0, "a", "TagA", null, null)));
        ok(store.append(tagged("T", 0, "b", "TagB", null, null)));
        ok(store.append(tagged("T", 0, "c", "TagC", null, null)));
        ok(store.append(tagged("T", 0, "a2", "TagA", null, null)));
        awaitDispatched(store);
        MessageFilter tagAOrC = hash -> hash == "TagA".hashCode() || hash == "TagC".hashCode();
        try (GetMessageResult read = store.getMessages("T", 0, 0, 32, 1 << 20, tagAOrC)) {
            assertThat(bodies(read)).containsExactly("a", "c", "a2");
            assertThat(read.nextBeginOffset()).isEqualTo(4);
        }
        MessageFilter onlyB = hash -> hash == "TagB".hashCode();
        try (GetMessageResult read = store.getMessages("T", 0, 2, 32, 1 << 20, onlyB)) {
            assertThat(read.status()).isEqualTo(GetMessageStatus.NO_MATCHED_MESSAGE);
            assertThat(read.nextBeginOffset()).isEqualTo(4);
        }
    }

    @Test
    void appendsRollAcrossSegmentsWithABlankRecordAndStayReadable() throws Exception {
        MessageStore store = open(TestStores.small(dir).build());
        int count = 400; // ~1 KiB each: about three 128 KiB segments
        for (int i = 0; i < count; i++) {
            ok(store.append(message("T", 0, i + ":" + "p".repeat(1000))));
        }
        awaitDispatched(store);
        List<String> all = readAll(store, "T", 0);
        assertThat(all).hasSize(count);
        assertThat(all.get(count - 1)).startsWith((count - 1) + ":");
        try (var files = Files.list(dir.resolve("commitlog"))) {
            assertThat(files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).count()).isGreaterThanOrEqualTo(3);
        }
        assertThat(Files.exists(dir.resolve("commitlog").resolve("00000000000000131072"))).isTrue();
    }

    @Test
    void aBatchIsStoredAsConsecutiveRecordsWithConsecutiveQueueOffsets() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(message("T", 0, "before")));
        AppendResult batch = ok(store.appendBatch(List.of(message("T", 0, "b0"), message("T", 0, "b1"),
                message("T", 0, "b2"))));
        awaitDispatched(store);
        assertThat(batch.queueOffset()).isEqualTo(1);
        assertThat(batch.messageCount()).isEqualTo(3);
        assertThat(batch.recordOffsets()[0]).isEqualTo(batch.commitLogOffset());
        assertThat(readAll(store, "T", 0)).containsExactly("before", "b0", "b1", "b2");
        try (StoredMessages second = store.readAt(batch.recordOffsets()[1])) {
            assertThat(bodies(second)).containsExactly("b1");
        }
    }

    @Test
    void aBatchMixingQueuesIsRefused() {
        MessageStore store = open(TestStores.small(dir).build());
        AppendResult result = store.appendBatch(List.of(message("T", 0, "a"), message("T", 1, "b"))).join();
        assertThat(result.status()).isEqualTo(AppendStatus.MESSAGE_ILLEGAL);
        assertThat(result.detail()).contains("same topic and queue");
    }

    @Test
    void anOversizedMessageIsRefusedWithAClearResultAndNothingIsStored() {
        MessageStore store = open(TestStores.small(dir).build());
        AppendResult result = store.append(message("T", 0, "x".repeat(TestStores.MAX_MESSAGE_SIZE + 1))).join();
        assertThat(result.status()).isEqualTo(AppendStatus.MESSAGE_TOO_LARGE);
        assertThat(result.status().isStored()).isFalse();
        assertThat(result.detail()).contains("max-message-size");
        assertThat(store.commitLogMaxOffset()).isZero();
        ok(store.append(message("T", 0, "x".repeat(TestStores.MAX_MESSAGE_SIZE))));
    }

    @Test
    void messagesAreFoundByKeyAndByUniqueKeyWithinATimeRange() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(tagged("T", 0, "first", null, "order-1 customer-9", "U1")));
        ok(store.append(tagged("T", 1, "second", null, "order-2", "U2")));
        ok(store.append(tagged("T", 0, "third", null, "order-1", "U3")));
        ok(store.append(tagged("Other", 0, "elsewhere", null, "order-1", "U4")));
        awaitDispatched(store);
        long now = System.currentTimeMillis();
        try (StoredMessages found = store.queryByKey("T", "order-1", 32, 0, now + 60_000)) {
            assertThat(bodies(found)).containsExactly("third", "first");
        }
        try (StoredMessages found = store.queryByKey("T", "customer-9", 32, 0, now + 60_000)) {
            assertThat(bodies(found)).containsExactly("first");
        }
        try (StoredMessages limited = store.queryByKey("T", "order-1", 1, 0, now + 60_000)) {
            assertThat(bodies(limited)).containsExactly("third");
        }
        try (StoredMessages found = store.queryByUniqueKey("T", "U2", 32, 0, now + 60_000)) {
            assertThat(bodies(found)).containsExactly("second");
        }
        try (StoredMessages keyIsNotAnId = store.queryByUniqueKey("T", "order-1", 32, 0, now + 60_000)) {
            assertThat(keyIsNotAnId.isEmpty()).isTrue();
        }
        try (StoredMessages outOfRange = store.queryByKey("T", "order-1", 32, 0, 1000)) {
            assertThat(outOfRange.isEmpty()).isTrue();
        }
    }

    @Test
    void keysAndTagsBeyondAsciiAreFiledUnderTheHashesOfTheirText() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(tagged("T", 0, "first", "Bestätigt", "  clé-1  Größe ", "Ü-1")));
        ok(store.append(tagged("T", 0, "second", "plain", "订单-7", "id-2")));
        awaitDispatched(store);

        assertThat(List.of("clé-1", "Größe", "订单-7")).map(key -> bodiesFoundByKey(store, key))
                .containsExactly(List.of("first"), List.of("first"), List.of("second"));
        try (StoredMessages found = store.queryByUniqueKey("T", "Ü-1", 8, 0, System.currentTimeMillis() + 60_000)) {
            assertThat(bodies(found)).containsExactly("first");
        }
        MessageFilter confirmed = hash -> hash == "Bestätigt".hashCode();
        try (GetMessageResult read = store.getMessages("T", 0, 0, 8, 1 << 20, confirmed)) {
            assertThat(bodies(read)).containsExactly("first");
        }
    }

    private static List<String> bodiesFoundByKey(MessageStore store, String key) {
        try (StoredMessages found = store.queryByKey("T", key, 8, 0, System.currentTimeMillis() + 60_000)) {
            return bodies(found);
        }
    }

    @Test
    void aMessageIsReadByItsCommitLogOffsetAndNothingIsReturnedForABadOffset() {
        MessageStore store = open(TestStores.small(dir).build());
        ok(store.append(message("T", 0, "zero")));
        AppendResult one = ok(store.append(message("T", 0, "one")));
        try (StoredMessages found = store.readAt(one.commitLogOffset())) {
            assertThat(bodies(found)).containsExactly("one");
        }
        try (StoredMessages notARecord = store.readAt(one.commitLogOffset() + 1)) {
            assertThat(notARecord.isEmpty()).isTrue();
        }
        try (StoredMessages beyond = store.readAt(store.commitLogMaxOffset() + 100)) {
            assertThat(beyond.isEmpty()).isTrue();
        }
    }

    @Test
    void offsetsAreFoundByStoreTimeWithAnInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        MessageStore store = MessageStore.open(TestStores.small(dir).build(), clock, () -> 0.1);
        opened.add(store);
        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofSeconds(1));
            ok(store.append(message("T", 0, "m" + i)));
        }
        awaitDispatched(store);
        long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        assertThat(store.offsetByTime("T", 0, t0 + 10_000, BoundaryType.LOWER)).isEqualTo(9);
        assertThat(store.offsetByTime("T", 0, t0 + 10_500, BoundaryType.LOWER)).isEqualTo(10);
        assertThat(store.offsetByTime("T", 0, t0 + 10_500, BoundaryType.UPPER)).isEqualTo(9);
        assertThat(store.offsetByTime("T", 0, 0, BoundaryType.LOWER)).isZero();
        assertThat(store.offsetByTime("T", 0, t0 + 999_000, BoundaryType.LOWER)).isEqualTo(120);
        assertThat(store.earliestStoreTime("T", 0)).isEqualTo(t0 + 1000);
    }

    @Test
    void everythingSurvivesACleanRestartAndQueueOffsetsContinue() {
        StoreConfig config = TestStores.small(dir).build();
        MessageStore first = MessageStore.open(config);
        for (int i = 0; i < 300; i++) {
            ok(first.append(tagged("T", i % 3, "m" + i, "t", "k" + i, "u" + i)));
        }
        first.close();
        assertThat(Files.exists(dir.resolve("abort"))).isFalse();

        MessageStore second = open(config);
        assertThat(second.recoveredFromCrash()).isFalse();
        assertThat(readAll(second, "T", 0)).hasSize(100).startsWith("m0", "m3");
        assertThat(ok(second.append(message("T", 0, "after"))).queueOffset()).isEqualTo(100);
        try (StoredMessages found = second.queryByKey("T", "k42", 8, 0, Long.MAX_VALUE)) {
            assertThat(bodies(found)).containsExactly("m42");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        StoreConfig config = TestStores.small(dir).build();
        open(config);
        assertThatThrownBy(() -> MessageStore.open(config)).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void appendsAfterCloseAreRefused() {
        MessageStore store = MessageStore.open(TestStores.small(dir).build());
        store.close();
        assertThat(store.append(message("T", 0, "late")).join().status()).isEqualTo(AppendStatus.STORE_CLOSED);
    }

    @Test
    void listenersHearAboutEveryQueueThatGrew() {
        MessageStore store = open(TestStores.small(dir).build());
        Map<String, Long> seen = new ConcurrentHashMap<>();
        store.addDispatchListener((topic, queueId, maxOffset) -> seen.merge(topic + "/" + queueId, maxOffset, Math::max));
        ok(store.append(message("T", 0, "a")));
        ok(store.append(message("T", 0, "b")));
        ok(store.append(message("U", 3, "c")));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2 && seen.get("T/0") == 2L);
        assertThat(seen).containsEntry("U/3", 1L);
    }

    @Test
    void concurrentProducersEachSeeTheirOwnMessagesInOrder() throws Exception {
        MessageStore store = open(TestStores.small(dir).flushMode(FlushMode.SYNC).build());
        int producers = 8;
        int each = 100;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    ok(store.append(message("T", id % 2, id + ":" + i)));
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        awaitDispatched(store);
        List<String> all = new ArrayList<>(readAll(store, "T", 0));
        all.addAll(readAll(store, "T", 1));
        assertThat(all).hasSize(producers * each);
        for (int p = 0; p < producers; p++) {
            String prefix = p + ":";
            List<Integer> sequence = all.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(sequence).containsExactlyElementsOf(IntStream.range(0, each).boxed().toList());
        }
        assertThat(store.flushedOffset()).isEqualTo(store.commitLogMaxOffset());
    }

    @Test
    void anAppendToAnIdleStoreIsWrittenOnTheCallingThread() {
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), Clock.systemUTC());
        MessageStore store = opened.getKey();
        // the appender parks after a few microseconds without work; then the submitter writes
        // and completes its own append, so the future is done when append returns (the appender
        // looks for work every millisecond for a few microseconds: an append can meet it awake)
        boolean doneOnReturn = false;
        for (int attempt = 0; attempt < 20 && !doneOnReturn; attempt++) {
            awaitParked(opened.getValue());
            CompletableFuture<AppendResult> future = store.append(message("Idle", 0, "m" + attempt));
            doneOnReturn = future.isDone();
            ok(future);
        }
        assertThat(doneOnReturn).as("an append to a parked appender completed before append returned").isTrue();
        awaitDispatched(store);
        assertThat(readAll(store, "Idle", 0)).isNotEmpty().allMatch(body -> body.startsWith("m"));
    }

    /**
     * A broker's I/O thread appends the sends of one read and leaves the write for after the read:
     * a burst to a parked appender leaves one task, and that task writes the whole burst.
     */
    @Test
    void aBurstLeftForLaterWhileTheAppenderIsParkedIsWrittenByTheOneTaskItLeaves() throws Exception {
        WriterClock writers = new WriterClock();
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), writers);
        MessageStore store = opened.getKey();
        Thread appender = opened.getValue();
        ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "caller-loop"));
        try {
            writers.watch(loop.submit(Thread::currentThread).get(), appender);
            int burst = 5;
            int sent = 0;
            boolean writtenByTheTask = false;
            // the parked appender still looks for work now and then: a burst can meet it awake, so try a few
            for (int attempt = 0; attempt < 50 && !writtenByTheTask; attempt++) {
                awaitLongParks(appender);
                List<Runnable> tasks = new CopyOnWriteArrayList<>();
                int writtenBefore = writers.bySubmitter();
                List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    futures.add(store.append(message("Burst", 0, "b" + sent++), tasks::add));
                }
                assertThat(tasks).as("tasks left by one burst").hasSizeLessThanOrEqualTo(1);
                tasks.forEach(loop::execute);
                futures.forEach(MessageStoreTest::ok);
                writtenByTheTask = tasks.size() == 1 && writers.bySubmitter() - writtenBefore == burst;
            }
            assertThat(writtenByTheTask).as("a burst to a parked appender was written whole by its one task").isTrue();
            awaitDispatched(store);
            assertThat(readAll(store, "Burst", 0)).containsExactlyElementsOf(
                    IntStream.range(0, sent).mapToObj(i -> "b" + i).toList());
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void anAppendLeftForATaskThatNeverRunsIsWrittenByTheAppenderAnyway() {
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), Clock.systemUTC());
        MessageStore store = opened.getKey();
        List<Runnable> neverRun = new CopyOnWriteArrayList<>();
        awaitParked(opened.getValue());
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(store.append(message("Late", 0, "l" + i), neverRun::add));
        }
        futures.forEach(MessageStoreTest::ok); // the appender's next look (within a millisecond) finds them
        awaitDispatched(store);
        assertThat(readAll(store, "Late", 0)).containsExactly("l0", "l1", "l2");
    }

    @Test
    void anAppendWhoseTaskIsRejectedIsWrittenAtOnceOnTheCallingThread() {
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), Clock.systemUTC());
        MessageStore store = opened.getKey();
        Executor shutDown = task -> {
            throw new RejectedExecutionException("the loop is shutting down");
        };
        boolean doneOnReturn = false;
        for (int attempt = 0; attempt < 20 && !doneOnReturn; attempt++) {
            awaitParked(opened.getValue());
            CompletableFuture<AppendResult> future = store.append(message("Rejected", 0, "r" + attempt), shutDown);
            doneOnReturn = future.isDone();
            ok(future);
        }
        assertThat(doneOnReturn).as("an append whose task was rejected completed before append returned").isTrue();
    }

    @Test
    void aDenseStreamFromOneThreadIsHandedBackToTheAppenderThread() {
        WriterClock writers = new WriterClock();
        int inARow = 2_000;
        int limit = 200_000;
        Map.Entry<MessageStore, Thread> opened = openWithAppender(
                TestStores.small(dir).appendQueueCapacity(limit).build(), writers); // never BUSY here
        MessageStore store = opened.getKey();
        Thread appender = opened.getValue();
        Thread submitter = Thread.currentThread();
        writers.watch(submitter, appender);
        awaitParked(appender); // so the stream starts on the submitting thread
        // While the appender is parked the appends are written here, on the submitting thread.
        // Once the appender wakes to find work (its park timed out while the submitter held the
        // writer role, or the submitter found the role taken) it finds work each time it looks and
        // stays awake: the submitter only queues and the appender writes append after append.
        // How soon that happens, and whether a stall of either thread lets the appender park again
        // for a while, is up to the scheduler (on an idle two-core machine it took up to 19,000
        // appends), so the stream goes on until the appender has written 2,000 in a row, within a
        // bound that a store which never hands the writing back does not get past.
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        while (writers.appenderRun() < inARow && futures.size() < limit) {
            futures.add(store.append(message("Dense", futures.size() % 4, "d" + futures.size())));
        }
        futures.forEach(MessageStoreTest::ok);

        assertThat(writers.longestAppenderRun())
                .as("appends the appender wrote in a row (of %d: %d by the appender, %d by the submitter)",
                        futures.size(), writers.byAppender(), writers.bySubmitter())
                .isGreaterThanOrEqualTo(inARow);
        assertThat(writers.byAppender() + writers.bySubmitter()).as("every append written once, by one of them")
                .isEqualTo(futures.size());
        awaitDispatched(store);
        long stored = 0;
        for (int queue = 0; queue < 4; queue++) {
            stored += store.maxOffset("Dense", queue);
        }
        assertThat(stored).isEqualTo(futures.size());
    }

    /**
     * Tells which thread writes each append: the writer reads the clock once per request, for the
     * store timestamp, while it holds the writer role (so those reads never overlap). Counts the
     * reads of the submitter and of the appender; ignores the other store threads'.
     */
    private static final class WriterClock extends Clock {
        private volatile Thread submitter;
        private volatile Thread appender;
        private volatile int bySubmitter;
        private volatile int byAppender;
        private volatile int appenderRun;
        private volatile int longestAppenderRun;

        void watch(Thread submitter, Thread appender) {
            this.submitter = submitter;
            this.appender = appender;
        }

        int bySubmitter() {
            return bySubmitter;
        }

        int byAppender() {
            return byAppender;
        }

        /** Appends the appender has written since the submitter last wrote one. */
        int appenderRun() {
            return appenderRun;
        }

        int longestAppenderRun() {
            return longestAppenderRun;
        }

        @Override
        public long millis() {
            Thread current = Thread.currentThread();
            // only the writer-role holder gets here for these two threads: plain read-modify-write is safe
            if (current == appender) {
                byAppender++;
                appenderRun++;
                longestAppenderRun = Math.max(longestAppenderRun, appenderRun);
            } else if (current == submitter) {
                bySubmitter++;
                appenderRun = 0;
            }
            return System.currentTimeMillis();
        }

        @Override
        public Instant instant() {
            return Instant.now(); // the writer reads millis(); this is for the others (retention)
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void producersThatPauseMixWritesOnTheirOwnThreadsWithTheAppendersAndLoseNothing() throws Exception {
        Map.Entry<MessageStore, Thread> opened = openWithAppender(TestStores.small(dir).build(), Clock.systemUTC());
        MessageStore store = opened.getKey();
        Thread appender = opened.getValue();
        int producers = 6;
        int each = 300;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                java.util.Random random = new java.util.Random(id);
                try {
                    for (int i = 0; i < each; i++) {
                        CompletableFuture<AppendResult> future = store.append(message("Mix", id % 3, id + ":" + i));
                        if (random.nextInt(4) == 0) {
                            // sometimes wait, and sometimes pause until the appender has parked, so
                            // that the next append (this producer's or another's) is written on its
                            // producer's thread
                            ok(future);
                            if (random.nextInt(3) != 0) {
                                awaitParked(appender);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(failures).isEmpty();
        awaitDispatched(store);
        List<String> all = new ArrayList<>();
        for (int queue = 0; queue < 3; queue++) {
            List<String> bodies = readAll(store, "Mix", queue);
            assertThat(store.maxOffset("Mix", queue)).isEqualTo(bodies.size());
            all.addAll(bodies);
        }
        assertThat(all).hasSize(producers * each).doesNotHaveDuplicates();
        for (int p = 0; p < producers; p++) {
            String prefix = p + ":";
            assertThat(all.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList())
                    .containsExactlyElementsOf(IntStream.range(0, each).boxed().toList());
        }
    }

    @Test
    void closingWhileProducersAppendLeavesEveryAcknowledgedMessageStoredAndHangsNobody() throws Exception {
        MessageStore store = MessageStore.open(TestStores.small(dir).flushMode(FlushMode.SYNC).build());
        int producers = 4;
        Map<String, AppendStatus> outcomes = new ConcurrentHashMap<>();
        CountDownLatch running = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                running.countDown();
                for (int i = 0; ; i++) {
                    String body = id + ":" + i;
                    AppendResult result = store.append(message("Close", id, body)).join();
                    outcomes.put(body, result.status());
                    if (result.status() == AppendStatus.STORE_CLOSED) {
                        return;
                    }
                    if (i % 7 == 0) {
                        Thread.onSpinWait();
                        Thread.yield(); // let the appender park now and then
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        running.await();
        // close while every producer is appending: each has had 50 appends answered
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, producers)
                .allMatch(p -> outcomes.containsKey(p + ":49")));
        store.close();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).as("a producer still waits for its append after close").isFalse();
        }
        assertThat(outcomes.values()).contains(AppendStatus.OK, AppendStatus.STORE_CLOSED)
                .allMatch(status -> status == AppendStatus.OK || status == AppendStatus.STORE_CLOSED);

        MessageStore reopened = open(TestStores.small(dir).build());
        awaitDispatched(reopened);
        List<String> stored = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            stored.addAll(readAll(reopened, "Close", p));
        }
        List<String> acknowledged = outcomes.entrySet().stream()
                .filter(e -> e.getValue() == AppendStatus.OK).map(Map.Entry::getKey).toList();
        assertThat(stored).containsAll(acknowledged);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
