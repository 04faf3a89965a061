package dev.mq.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreConfigTest {

    private static StoreConfig.Builder defaults() {
        return StoreConfig.builder(Path.of("data"));
    }

    @Test
    void defaultsFollowRocketMq() {
        StoreConfig config = defaults().build();
        assertThat(config.commitLogSegmentSize()).isEqualTo(1 << 30);
        assertThat(config.maxMessageSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.flushMode()).isEqualTo(FlushMode.ASYNC);
        assertThat(config.consumeQueueEntriesPerFile()).isEqualTo(300_000);
        assertThat(config.fileReservedTime()).isEqualTo(Duration.ofHours(72));
        assertThat(config.diskMaxUsedRatio()).isEqualTo(0.75);
        assertThat(config.diskRejectWritesRatio()).isEqualTo(0.90);
        assertThat(config.syncFlushTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void segmentsArePreallocatedByDefaultOnlyWithSyncFlush() {
        assertThat(defaults().flushMode(FlushMode.SYNC).build().preallocateSegments()).isTrue();
        assertThat(defaults().flushMode(FlushMode.ASYNC).build().preallocateSegments()).isFalse();
        assertThat(defaults().flushMode(FlushMode.ASYNC).preallocateSegments(true).build().preallocateSegments())
                .isTrue();
        assertThat(defaults().flushMode(FlushMode.SYNC).preallocateSegments(false).build().preallocateSegments())
                .isFalse();
        assertThat(defaults().flushMode(FlushMode.SYNC).build().toBuilder().flushMode(FlushMode.ASYNC).build()
                .preallocateSegments()).as("an explicit value survives toBuilder").isTrue();
    }

    @Test
    void aSegmentSmallerThanTheLargestMessageIsRejectedNamingTheProperty() {
        assertThatThrownBy(() -> defaults().commitLogSegmentSize(1024 * 1024).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("commit-log-segment-size"))
                .hasMessageContaining("max-message-size");
    }

    @Test
    void ratiosMustBeOrderedAndInRange() {
        assertThatThrownBy(() -> defaults().diskMaxUsedRatio(0.95).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("disk-reject-writes-ratio"));
        assertThatThrownBy(() -> defaults().diskMaxUsedRatio(1.5).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("disk-max-used-ratio"));
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> defaults().syncFlushTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("sync-flush-timeout"));
        assertThatThrownBy(() -> defaults().deleteAtHour(24).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("delete-at-hour"));
    }

    @Test
    void anIndexLargerThanTwoGibibytesIsRejected() {
        assertThatThrownBy(() -> defaults().indexEntriesPerFile(200_000_000).build())
                .isInstanceOfSatisfying(InvalidStoreConfigException.class,
                        e -> assertThat(e.property()).isEqualTo("index-entries-per-file"));
    }

    @Test
    void toBuilderKeepsEveryValue() {
        StoreConfig config = defaults().flushMode(FlushMode.SYNC).maxMessageSize(1000).commitLogSegmentSize(1 << 20).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
