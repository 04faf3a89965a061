package dev.mq.server.config;

import dev.mq.store.FlushMode;
import dev.mq.store.InvalidStoreConfigException;
import dev.mq.store.StoreConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code mq.store.*}: the broker's storage engine. Defaults are Apache RocketMQ's.
 *
 * @param flush                    {@code async} (flush in the background) or {@code sync} (acknowledge after the disk flush)
 * @param segmentSize              commit-log segment size (1GB)
 * @param maxMessageSize           largest message body accepted (4MB)
 * @param syncFlushTimeout         a sync flush slower than this answers FLUSH_DISK_TIMEOUT (5s)
 * @param consumeQueueEntriesPerFile consume-queue entries per file (300000)
 * @param indexHashSlots           hash slots per index file (5000000)
 * @param indexEntriesPerFile      entries per index file (20000000)
 * @param fileReservedTime         how long messages are kept (72h)
 * @param deleteAtHour             hour of day when expired files are deleted (4)
 * @param diskMaxUsedRatio         above this disk usage old files are deleted at once (0.75)
 * @param diskRejectWritesRatio    above this disk usage sends are refused (0.90)
 * @param preallocateSegments      write the next commit-log segment full of zeros before it is
 *                                 needed, so sync flushes do not allocate blocks (default: true
 *                                 with {@code flush=sync}, false with {@code flush=async})
 * @param hotWindow                how much of the newest commit log counts as still in the page
 *                                 cache: pulls that read within it run on the network I/O thread,
 *                                 older ones on a worker thread, since they may wait for the disk
 *                                 (default: 40% of the machine's physical memory; 0B: every pull
 *                                 that finds messages runs on a worker)
 */
@ConfigurationProperties("mq.store")
public record StoreProperties(@DefaultValue("async") FlushMode flush,
                              @DefaultValue("1GB") DataSize segmentSize,
                              @DefaultValue("4MB") DataSize maxMessageSize,
                              @DefaultValue("5s") Duration syncFlushTimeout,
                              @DefaultValue("300000") int consumeQueueEntriesPerFile,
                              @DefaultValue("5000000") int indexHashSlots,
                              @DefaultValue("20000000") int indexEntriesPerFile,
                              @DefaultValue("72h") Duration fileReservedTime,
                              @DefaultValue("4") int deleteAtHour,
                              @DefaultValue("0.75") double diskMaxUsedRatio,
                              @DefaultValue("0.90") double diskRejectWritesRatio,
                              Boolean preallocateSegments,
                              DataSize hotWindow) {

    /**
     * Builds the validated store configuration.
     *
     * @throws IllegalArgumentException naming the {@code mq.store.*} property that is wrong
     */
    public StoreConfig toStoreConfig(Path dataDir, InetSocketAddress storeHost) {
        try {
            return StoreConfig.builder(dataDir)
                    .storeHost(storeHost)
                    .flushMode(flush)
                    .commitLogSegmentSize(toInt("segment-size", segmentSize))
                    .maxMessageSize(toInt("max-message-size", maxMessageSize))
                    .syncFlushTimeout(syncFlushTimeout)
                    .consumeQueueEntriesPerFile(consumeQueueEntriesPerFile)
                    .indexHashSlots(indexHashSlots)
                    .indexEntriesPerFile(indexEntriesPerFile)
                    .fileReservedTime(fileReservedTime)
                    .deleteAtHour(deleteAtHour)
                    .diskMaxUsedRatio(diskMaxUsedRatio)
                    .diskRejectWritesRatio(diskRejectWritesRatio)
                    .preallocateSegments(preallocateSegments)
                    .hotWindowBytes(hotWindow == null ? null : hotWindow.toBytes())
                    .build();
        } catch (InvalidStoreConfigException e) {
            String property = e.property().equals("commit-log-segment-size") ? "segment-size" : e.property();
            throw new IllegalArgumentException("mq.store." + property + ": " + e.getMessage().substring(
                    e.getMessage().indexOf(':') + 2), e);
        }
    }

    private static int toInt(String property, DataSize size) {
        if (size == null || size.toBytes() <= 0 || size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mq.store." + property + " must be between 1B and 2GB but was " + size);
        }
        return (int) size.toBytes();
    }
}
