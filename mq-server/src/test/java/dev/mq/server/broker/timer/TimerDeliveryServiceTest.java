package dev.mq.server.broker.timer;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.server.broker.MovableClock;
import dev.mq.store.DiskUsageProbe;
import dev.mq.store.FlushMode;
import dev.mq.store.GetMessageResult;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer service against a real store, with a clock the test moves (no sleeping for due times). */
class TimerDeliveryServiceTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MessageStore store;

    private void openStore(boolean flushes) {
        StoreConfig.Builder config = StoreConfig.builder(dir.resolve("store"))
                .storeHost(new InetSocketAddress("127.0.0.1", 10911))
                .commitLogSegmentSize(256 * 1024)
                .maxMessageSize(4096)
                .consumeQueueEntriesPerFile(50)
                .indexHashSlots(64)
                .indexEntriesPerFile(200);
        if (flushes) {
            config.flushMode(FlushMode.SYNC);
        } else {
            // nothing small is flushed during the test: deliveries stay unconfirmed
            config.flushInterval(Duration.ofMillis(20)).flushMinPages(10_000).flushThoroughInterval(Duration.ofHours(1));
        }
        StoreConfig built = config.build();
        store = MessageStore.open(built, clock, DiskUsageProbe.of(built.dataDir()));
    }

    private TimerDeliveryService service() {
        TimerDeliveryService service = new TimerDeliveryService(store, clock, dir.resolve("timer"));
        resources.add(service);
        return service;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        store.close();
    }

    /** Sends as a client would: TIMER_DELAY_MS decided at the current clock time. */
    private void sendTimer(String body, long delayMs) {
        TimerMessages timers = new TimerMessages(clock, Duration.ofDays(3));
        String properties = MessageProperties.format(new LinkedHashMap<>(Map.of(PropertyNames.UNIQ_KEY, "U-" + body,
                "KEYS", "k-" + body, "TAGS", "TagT", "color", "blue", "TIMER_DELAY_MS", Long.toString(delayMs))));
        TimerMessages.Decision decision = timers.decide(properties, 0, false);
        AppendMessage message = new AppendMessage("Orders", 1, 7, 0, 123L, new InetSocketAddress("10.1.2.3", 4567),
                0, 0L, body.getBytes(StandardCharsets.UTF_8), properties);
        assertThat(store.append(decision.applyTo(message)).join().status().isStored()).isTrue();
        awaitDispatched();
    }

    @Test
    void aTimerMessageIsDeliveredWhenDueWithItsFieldsAndNotBefore() {
        openStore(true);
        long sentAt = clock.millis();
        sendTimer("hello", 5_000);
        TimerDeliveryService service = service();
        service.runOnce();
        assertThat(store.maxOffset("Orders", 1)).isZero();
        clock.advance(Duration.ofMillis(4_999));
        service.runOnce();
        assertThat(store.maxOffset("Orders", 1)).isZero();

        clock.advance(Duration.ofMillis(1));
        service.runOnce();
        awaitQueue("Orders", 1, 1);
        try (GetMessageResult read = store.getMessages("Orders", 1, 0, 10, 1 << 20, null)) {
            ByteBuffer record = read.messages().get(0);
            RecordView view = new RecordView().wrap(record, record.position());
            Map<String, String> delivered = MessageProperties.parse(view.properties());
            assertThat(delivered).containsEntry(PropertyNames.UNIQ_KEY, "U-hello").containsEntry("KEYS", "k-hello")
                    .containsEntry("TAGS", "TagT").containsEntry("color", "blue")
                    .containsEntry("TIMER_DELIVER_MS", Long.toString(sentAt + 5_000))
                    .doesNotContainKeys("TIMER_OUT_MS", "TIMER_DELAY_MS");
            assertThat(new String(view.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(view.flag()).isEqualTo(7);
            assertThat(view.bornTimestamp()).isEqualTo(123L);
            assertThat(view.storeTimestamp()).isEqualTo(sentAt + 5_000);
        }
        assertThat(service.index().hasInFlight()).isFalse(); // SYNC: the copy is flushed, so confirmed
        assertThat(service.index().pendingCount()).isZero();
    }

    @Test
    void pendingTimersSurviveACleanRestartAndPastDueOnesGoAtOnce() {
        openStore(true);
        sendTimer("soon", 2_000);
        sendTimer("later", 60_000);
        TimerDeliveryService first = service();
        first.runOnce();
        first.close();
        resources.remove(first);

        clock.advance(Duration.ofSeconds(30)); // the broker was down past the first due time
        TimerDeliveryService second = service();
        second.runOnce();
        awaitQueue("Orders", 1, 1);
        assertThat(bodies()).containsExactly("soon");
        clock.advance(Duration.ofSeconds(30));
        second.runOnce();
        awaitQueue("Orders", 1, 2);
        assertThat(bodies()).containsExactly("soon", "later");
    }

    @Test
    void aCrashBeforeProgressIsSavedNeitherLosesNorDoublesPendingTimers() {
        openStore(true);
        sendTimer("a", 10_000);
        TimerDeliveryService crashed = service();
        crashed.runOnce(); // indexes "a" and saves the progress (first save is immediate)
        sendTimer("b", 20_000);
        crashed.runOnce(); // indexes "b", progress not saved within the second
        assertThat(crashed.indexedUpTo()).isEqualTo(2);
        resources.remove(crashed); // "crash": never closed
        crashed.index().close();

        TimerDeliveryService restarted = service();
        clock.advance(Duration.ofSeconds(25));
        restarted.runOnce();
        awaitQueue("Orders", 1, 2);
        assertThat(bodies()).containsExactly("a", "b");
        assertThat(restarted.index().pendingCount()).isZero();
    }

    @Test
    void deliveriesAreConfirmedOnlyAfterTheCopiesAreFlushedSoACrashRepeatsThem() {
        openStore(false);
        sendTimer("x", 1_000);
        TimerDeliveryService crashed = service();
        crashed.runOnce();
        clock.advance(Duration.ofSeconds(2));
        crashed.runOnce();
        awaitQueue("Orders", 1, 1);
        assertThat(store.flushedOffset()).isLessThan(store.commitLogMaxOffset());
        assertThat(crashed.index().hasInFlight()).as("confirmed before the copy was flushed").isTrue();
        resources.remove(crashed);
        crashed.index().close(); // "crash" before the flush: the entry was never confirmed

        TimerDeliveryService restarted = service();
        restarted.runOnce();
        awaitQueue("Orders", 1, 2);
        assertThat(bodies()).containsExactly("x", "x"); // at-least-once: delivered again, never lost
    }

    private List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        try (GetMessageResult read = store.getMessages("Orders", 1, 0, 100, 1 << 20, null)) {
            for (ByteBuffer record : read.messages()) {
                bodies.add(new String(new RecordView().wrap(record, record.position()).body(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }

    private void awaitDispatched() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.dispatchedOffset() < store.commitLogMaxOffset()) {
            assertThat(System.nanoTime()).as("dispatch").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private void awaitQueue(String topic, int queueId, long size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.maxOffset(topic, queueId) < size) {
            assertThat(System.nanoTime()).as("dispatch of %s/%d", topic, queueId).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
