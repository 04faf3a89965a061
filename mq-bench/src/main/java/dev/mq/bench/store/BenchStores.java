package dev.mq.bench.store;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.store.AppendResult;
import dev.mq.store.AppendStatus;
import dev.mq.store.FlushMode;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Opening and removing benchmark stores; the directory comes from {@code -Dmq.bench.dir} or the temp dir. */
final class BenchStores {

    private BenchStores() {
    }

    static Path newDirectory() {
        try {
            String base = System.getProperty("mq.bench.dir");
            return base == null ? Files.createTempDirectory("mq-bench-")
                    : Files.createTempDirectory(Files.createDirectories(Path.of(base)), "mq-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new file of {@code size} bytes whose blocks exist, as fio measures and as a laid-out
     * segment is: zeros written through it and forced.
     */
    static FileChannel laidOutFile(Path path, long size) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < size; at += zeros.capacity()) {
            zeros.clear();
            channel.write(zeros, at);
        }
        channel.force(false);
        return channel;
    }

    /** The production defaults (1 GiB segments) with the given flush mode. */
    static MessageStore open(Path dir, FlushMode flushMode) {
        return MessageStore.open(StoreConfig.builder(dir).flushMode(flushMode).build());
    }

    /**
     * {@code flushMode}, segments of {@code segmentMiB} MiB, laid out ahead of the writer or sparse
     * ({@code preallocate} null: the store's default for the flush mode).
     */
    static MessageStore open(Path dir, FlushMode flushMode, int segmentMiB, Boolean preallocate) {
        return MessageStore.open(StoreConfig.builder(dir).flushMode(flushMode).commitLogSegmentSize(segmentMiB << 20)
                .preallocateSegments(preallocate).build());
    }

    /** Appends 1 KiB records (256 in flight) until the log has moved past its first segment of {@code segmentSize} bytes. */
    static void fillFirstSegment(MessageStore store, int segmentSize) {
        byte[] body = new byte[1024];
        AppendMessage message = message("FillTopic", 0, body);
        ArrayDeque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
        long reached = 0;
        while (reached < segmentSize) {
            inFlight.add(store.append(message));
            if (inFlight.size() >= 256) {
                AppendResult result = inFlight.poll().join();
                if (result.status() != AppendStatus.OK) {
                    throw new IllegalStateException("fill append failed: " + result.status() + " " + result.detail());
                }
                reached = result.commitLogOffset();
            }
        }
        inFlight.forEach(CompletableFuture::join);
    }

    /** A 1 KiB record as a producer would send it: body plus the usual properties. */
    static AppendMessage message(String topic, int queueId, byte[] body) {
        String properties = MessageProperties.format(Map.of(PropertyNames.TAGS, "TagA",
                PropertyNames.UNIQ_KEY, "7F0000010001ABCD0000000000000001", "WAIT", "true"));
        return AppendMessage.of(topic, queueId, body, properties, System.currentTimeMillis());
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
