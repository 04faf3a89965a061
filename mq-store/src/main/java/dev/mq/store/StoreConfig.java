package dev.mq.store;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Every setting of the storage engine, validated as a whole when built. Defaults follow Apache
 * RocketMQ's. Property names in error messages are the ones the server binds under
 * {@code mq.store.}.
 *
 * @param dataDir                    root directory of all store files
 * @param storeHost                  the broker address written into each record (STOREHOST) and
 *                                   hence into offset message ids
 * @param commitLogSegmentSize       bytes per commit-log segment file (default 1 GiB)
 * @param maxMessageSize             largest record body accepted (default 4 MiB)
 * @param flushMode                  {@link FlushMode}
 * @param flushInterval              ASYNC: how often the flush service looks for dirty pages (500 ms)
 * @param flushMinPages              ASYNC: flush only when at least this many 4 KiB pages are dirty (4)
 * @param flushThoroughInterval      ASYNC: flush whatever is dirty at least this often (10 s)
 * @param syncFlushTimeout           SYNC: an append whose flush takes longer completes with
 *                                   {@link AppendStatus#FLUSH_DISK_TIMEOUT} (5 s)
 * @param consumeQueueEntriesPerFile 20-byte entries per consume-queue file (300,000)
 * @param consumeQueueFlushInterval  how often consume queues, index and checkpoint are flushed (1 s)
 * @param indexHashSlots             hash slots per index file (5,000,000)
 * @param indexEntriesPerFile        entries per index file (20,000,000)
 * @param fileReservedTime           commit-log segments older than this are deleted (72 h)
 * @param deleteAtHour               hour of the day (0-23, store clock's zone) when expired segments are deleted (4)
 * @param diskMaxUsedRatio           above this disk usage expired-or-not segments are deleted at once (0.75)
 * @param diskRejectWritesRatio      above this disk usage appends are refused (0.90)
 * @param retentionCheckInterval     how often retention runs (10 s)
 * @param appendQueueCapacity        pending append requests before callers are refused with
 *                                   {@link AppendStatus#BUSY} (65,536)
 * @param preallocateSegments        whether the next commit-log segment is written full of zeros
 *                                   and flushed before the writer needs it: its blocks then exist
 *                                   on the device, so SYNC flushes do not allocate blocks, and a
 *                                   started segment cannot run out of space. Costs one segment of
 *                                   disk space ahead and one extra write of each segment, which an
 *                                   ASYNC store does not win back; false creates segments sparse.
 *                                   Default: true with {@link FlushMode#SYNC}, false with ASYNC.
 * @param hotWindowBytes             how many of the newest commit-log bytes count as still in the
 *                                   page cache ({@link MessageStore#readsFromMemory}): a read within
 *                                   them costs no disk access. Default: 40 % of the machine's
 *                                   physical memory, as Apache RocketMQ's
 *                                   {@code accessMessageInMemoryMaxRatio}; 0: no read counts as such.
 */
public record StoreConfig(Path dataDir, InetSocketAddress storeHost, int commitLogSegmentSize, int maxMessageSize,
                          FlushMode flushMode, Duration flushInterval, int flushMinPages,
                          Duration flushThoroughInterval, Duration syncFlushTimeout,
                          int consumeQueueEntriesPerFile, Duration consumeQueueFlushInterval, int indexHashSlots,
                          int indexEntriesPerFile, Duration fileReservedTime, int deleteAtHour,
                          double diskMaxUsedRatio, double diskRejectWritesRatio, Duration retentionCheckInterval,
                          int appendQueueCapacity, boolean preallocateSegments, long hotWindowBytes) {

    /** Room a segment needs beyond one maximal body: record header, topic and properties (each at most 32 KiB) and the blank record. */
    public static final int RECORD_OVERHEAD_ALLOWANCE = 66 * 1024;

    public StoreConfig {
        require(dataDir != null, "data-dir", "must be set");
        require(storeHost != null && storeHost.getAddress() != null, "store-host", "must be a resolved address");
        require(maxMessageSize >= 1, "max-message-size", "must be at least 1 byte but was " + maxMessageSize);
        require(commitLogSegmentSize >= (long) maxMessageSize + RECORD_OVERHEAD_ALLOWANCE, "commit-log-segment-size",
                "must be at least max-message-size (" + maxMessageSize + ") + " + RECORD_OVERHEAD_ALLOWANCE
                        + " bytes so that the largest message fits in one segment, but was " + commitLogSegmentSize);
        require(flushMode != null, "flush", "must be async or sync");
        positive(flushInterval, "flush-interval");
        require(flushMinPages >= 0, "flush-min-pages", "must be >= 0 but was " + flushMinPages);
        positive(flushThoroughInterval, "flush-thorough-interval");
        positive(syncFlushTimeout, "sync-flush-timeout");
        require(consumeQueueEntriesPerFile >= 2, "consume-queue-entries-per-file",
                "must be at least 2 but was " + consumeQueueEntriesPerFile);
        require(consumeQueueEntriesPerFile <= Integer.MAX_VALUE / 20, "consume-queue-entries-per-file",
                "must be at most " + Integer.MAX_VALUE / 20 + " but was " + consumeQueueEntriesPerFile);
        positive(consumeQueueFlushInterval, "consume-queue-flush-interval");
        require(indexHashSlots >= 1, "index-hash-slots", "must be at least 1 but was " + indexHashSlots);
        require(indexEntriesPerFile >= 1, "index-entries-per-file", "must be at least 1 but was " + indexEntriesPerFile);
        require(40L + 4L * indexHashSlots + 20L * indexEntriesPerFile <= Integer.MAX_VALUE, "index-entries-per-file",
                "index-hash-slots * 4 + index-entries-per-file * 20 must stay below 2 GiB");
        positive(fileReservedTime, "file-reserved-time");
        require(deleteAtHour >= 0 && deleteAtHour <= 23, "delete-at-hour", "must be 0..23 but was " + deleteAtHour);
        require(diskMaxUsedRatio > 0 && diskMaxUsedRatio < 1, "disk-max-used-ratio",
                "must be between 0 and 1 (exclusive) but was " + diskMaxUsedRatio);
        require(diskRejectWritesRatio > 0 && diskRejectWritesRatio <= 1, "disk-reject-writes-ratio",
                "must be in (0, 1] but was " + diskRejectWritesRatio);
        require(diskRejectWritesRatio >= diskMaxUsedRatio, "disk-reject-writes-ratio",
                "must not be below disk-max-used-ratio (" + diskMaxUsedRatio + ") but was " + diskRejectWritesRatio);
        positive(retentionCheckInterval, "retention-check-interval");
        require(appendQueueCapacity >= 1, "append-queue-capacity", "must be at least 1 but was " + appendQueueCapacity);
        require(hotWindowBytes >= 0, "hot-window", "must not be negative but was " + hotWindowBytes);
    }

    /** The default {@link #hotWindowBytes}: 40 % of the physical memory the JVM reports (1 GiB when it reports none). */
    public static long defaultHotWindowBytes() {
        long total = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
        return total > 0 ? total / 10 * 4 : 1L << 30;
    }

    /** A builder with RocketMQ's defaults for everything but the data directory. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A builder preset with this config's values. */
    public Builder toBuilder() {
        return new Builder(dataDir).storeHost(storeHost).commitLogSegmentSize(commitLogSegmentSize)
                .maxMessageSize(maxMessageSize).flushMode(flushMode).flushInterval(flushInterval)
                .flushMinPages(flushMinPages).flushThoroughInterval(flushThoroughInterval)
                .syncFlushTimeout(syncFlushTimeout).consumeQueueEntriesPerFile(consumeQueueEntriesPerFile)
                .consumeQueueFlushInterval(consumeQueueFlushInterval).indexHashSlots(indexHashSlots)
                .indexEntriesPerFile(indexEntriesPerFile).fileReservedTime(fileReservedTime)
                .deleteAtHour(deleteAtHour).diskMaxUsedRatio(diskMaxUsedRatio)
                .diskRejectWritesRatio(diskRejectWritesRatio).retentionCheckInterval(retentionCheckInterval)
                .appendQueueCapacity(appendQueueCapacity).preallocateSegments(preallocateSegments)
                .hotWindowBytes(hotWindowBytes);
    }

    private static void require(boolean condition, String property, String problem) {
        if (!condition) {
            throw new InvalidStoreConfigException(property, problem);
        }
    }

    private static void positive(Duration duration, String property) {
        require(duration != null && !duration.isNegative() && !duration.isZero(), property,
                "must be a positive duration but was " + duration);
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private Path dataDir;
        private InetSocketAddress storeHost = new InetSocketAddress("127.0.0.1", 10911);
        private int commitLogSegmentSize = 1 << 30;
        private int maxMessageSize = 4 * 1024 * 1024;
        private FlushMode flushMode = FlushMode.ASYNC;
        private Duration flushInterval = Duration.ofMillis(500);
        private int flushMinPages = 4;
        private Duration flushThoroughInterval = Duration.ofSeconds(10);
        private Duration syncFlushTimeout = Duration.ofSeconds(5);
        private int consumeQueueEntriesPerFile = 300_000;
        private Duration consumeQueueFlushInterval = Duration.ofSeconds(1);
        private int indexHashSlots = 5_000_000;
        private int indexEntriesPerFile = 20_000_000;
        private Duration fileReservedTime = Duration.ofHours(72);
        private int deleteAtHour = 4;
        private double diskMaxUsedRatio = 0.75;
        private double diskRejectWritesRatio = 0.90;
        private Duration retentionCheckInterval = Duration.ofSeconds(10);
        private int appendQueueCapacity = 65_536;
        private Boolean preallocateSegments;
        private Long hotWindowBytes;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder dataDir(Path value) { this.dataDir = value; return this; }
        public Builder storeHost(InetSocketAddress value) { this.storeHost = value; return this; }
        public Builder commitLogSegmentSize(int value) { this.commitLogSegmentSize = value; return this; }
        public Builder maxMessageSize(int value) { this.maxMessageSize = value; return this; }
        public Builder flushMode(FlushMode value) { this.flushMode = value; return this; }
        public Builder flushInterval(Duration value) { this.flushInterval = value; return this; }
        public Builder flushMinPages(int value) { this.flushMinPages = value; return this; }
        public Builder flushThoroughInterval(Duration value) { this.flushThoroughInterval = value; return this; }
        public Builder syncFlushTimeout(Duration value) { this.syncFlushTimeout = value; return this; }
        public Builder consumeQueueEntriesPerFile(int value) { this.consumeQueueEntriesPerFile = value; return this; }
        public Builder consumeQueueFlushInterval(Duration value) { this.consumeQueueFlushInterval = value; return this; }
        public Builder indexHashSlots(int value) { this.indexHashSlots = value; return this; }
        public Builder indexEntriesPerFile(int value) { this.indexEntriesPerFile = value; return this; }
        public Builder fileReservedTime(Duration value) { this.fileReservedTime = value; return this; }
        public Builder deleteAtHour(int value) { this.deleteAtHour = value; return this; }
        public Builder diskMaxUsedRatio(double value) { this.diskMaxUsedRatio = value; return this; }
        public Builder diskRejectWritesRatio(double value) { this.diskRejectWritesRatio = value; return this; }
        public Builder retentionCheckInterval(Duration value) { this.retentionCheckInterval = value; return this; }
        public Builder appendQueueCapacity(int value) { this.appendQueueCapacity = value; return this; }
        /** {@code null} (the default): preallocate with {@link FlushMode#SYNC} only. */
        public Builder preallocateSegments(Boolean value) { this.preallocateSegments = value; return this; }
        /** {@code null} (the default): {@link #defaultHotWindowBytes()}. */
        public Builder hotWindowBytes(Long value) { this.hotWindowBytes = value; return this; }

        /** Validates and builds; throws {@link InvalidStoreConfigException} naming the first bad property. */
        public StoreConfig build() {
            return new StoreConfig(dataDir, storeHost, commitLogSegmentSize, maxMessageSize, flushMode, flushInterval,
                    flushMinPages, flushThoroughInterval, syncFlushTimeout, consumeQueueEntriesPerFile,
                    consumeQueueFlushInterval, indexHashSlots, indexEntriesPerFile, fileReservedTime, deleteAtHour,
                    diskMaxUsedRatio, diskRejectWritesRatio, retentionCheckInterval, appendQueueCapacity,
                    preallocateSegments != null ? preallocateSegments : flushMode == FlushMode.SYNC,
                    hotWindowBytes != null ? hotWindowBytes : defaultHotWindowBytes());
        }
    }
}
