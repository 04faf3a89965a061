package dev.mq.server.broker.delay;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;
import dev.mq.server.broker.MovableClock;
import dev.mq.store.DiskUsageProbe;
import dev.mq.store.GetMessageResult;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery service against a real store, with a clock the test moves (no sleeping for due times). */
class DelayDeliveryServiceTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final DelayLevels levels = new DelayLevels(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    private MessageStore store;

    @BeforeEach
    void open() {
        StoreConfig config = StoreConfig.builder(dir.resolve("store"))
                .storeHost(new InetSocketAddress("127.0.0.1", 10911))
                .commitLogSegmentSize(128 * 1024)
                .maxMessageSize(4096)
                .consumeQueueEntriesPerFile(50)
                .indexHashSlots(64)
                .indexEntriesPerFile(200)
                .flushInterval(Duration.ofMillis(20))
                .build();
        store = MessageStore.open(config, clock, DiskUsageProbe.of(config.dataDir()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDelayedMessageIsDeliveredWhenDueWithItsFieldsAndProgressSurvives() {
        String properties = MessageProperties.format(Map.of(PropertyNames.UNIQ_KEY, "ABC", "KEYS", "k1",
                PropertyNames.DELAY, "2"));
        AppendMessage original = new AppendMessage("Orders", 2, 7, 0, 123L, new InetSocketAddress("10.1.2.3", 4567),
                1, 0L, "hello".getBytes(StandardCharsets.UTF_8), properties);
        assertThat(store.append(DelayLevels.scheduled(original, 2)).join().status().isStored()).isTrue();
        awaitQueue(TopicNames.SCHEDULE_TOPIC, 1, 1);

        DelayDeliveryService service = new DelayDeliveryService(store, levels, clock, dir.resolve("config"));
        service.runOnce();
        assertThat(store.maxOffset("Orders", 2)).isZero();
        clock.advance(Duration.ofMillis(4_999));
        service.runOnce();
        assertThat(store.maxOffset("Orders", 2)).isZero();
        assertThat(service.progress(2)).isZero();

        clock.advance(Duration.ofMillis(1));
        service.runOnce();
        assertThat(service.progress(2)).isEqualTo(1);
        awaitQueue("Orders", 2, 1);
        try (GetMessageResult read = store.getMessages("Orders", 2, 0, 10, 1 << 20, null)) {
            ByteBuffer record = read.messages().get(0);
            RecordView view = new RecordView().wrap(record, record.position());
            Map<String, String> delivered = MessageProperties.parse(view.properties());
            assertThat(delivered).containsEntry(PropertyNames.UNIQ_KEY, "ABC").containsEntry("KEYS", "k1")
                    .containsEntry(PropertyNames.REAL_TOPIC, "Orders").containsEntry(PropertyNames.REAL_QUEUE_ID, "2")
                    .doesNotContainKey(PropertyNames.DELAY);
            assertThat(new String(view.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(view.flag()).isEqualTo(7);
            assertThat(view.bornTimestamp()).isEqualTo(123L);
            assertThat(view.reconsumeTimes()).isEqualTo(1);
        }
        service.close();

        DelayDeliveryService restarted = new DelayDeliveryService(store, levels, clock, dir.resolve("config"));
        assertThat(restarted.progress(2)).isEqualTo(1);
        restarted.runOnce();
        assertThat(store.maxOffset("Orders", 2)).isEqualTo(1);
        restarted.close();
    }

    private void awaitQueue(String topic, int queueId, long size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.maxOffset(topic, queueId) < size) {
            assertThat(System.nanoTime()).as("dispatch of %s/%d", topic, queueId).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
