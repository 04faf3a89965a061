package dev.mq.server.broker;

import dev.mq.message.record.AppendMessage;
import dev.mq.store.DiskUsageProbe;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A small real store in a temp directory whose store timestamps come from a clock the test moves. */
public final class TestStore implements AutoCloseable {

    public final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T12:00:00Z"));
    public final MessageStore store;

    public TestStore(Path dir) {
        StoreConfig config = StoreConfig.builder(dir.resolve("store"))
                .storeHost(new InetSocketAddress("127.0.0.1", 10911))
                .commitLogSegmentSize(256 * 1024)
                .maxMessageSize(4096)
                .consumeQueueEntriesPerFile(50)
                .indexHashSlots(64)
                .indexEntriesPerFile(200)
                .flushInterval(Duration.ofMillis(20))
                .build();
        store = MessageStore.open(config, clock, DiskUsageProbe.of(config.dataDir()));
    }

    /** Appends and waits until the message is in its queue (and the index). */
    public long append(AppendMessage message) {
        var result = store.append(message).join();
        assertThat(result.status().isStored()).as("append %s", result.status()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.dispatchedOffset() < result.commitLogOffset() + result.size()) {
            assertThat(System.nanoTime()).as("dispatch").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return result.commitLogOffset();
    }

    @Override
    public void close() {
        store.close();
    }
}
