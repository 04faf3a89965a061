package dev.mq.bench.store;

import dev.mq.store.FlushMode;
import dev.mq.store.MessageStore;
import dev.mq.store.StoreConfig;
import dev.mq.store.record.AppendMessage;
import dev.mq.store.record.MessageProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
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

    /** The production defaults (1 GiB segments) with the given flush mode. */
    static MessageStore open(Path dir, FlushMode flushMode) {
        return MessageStore.open(StoreConfig.builder(dir).flushMode(flushMode).build());
    }

    /** A 1 KiB record as a producer would send it: body plus the usual properties. */
    static AppendMessage message(String topic, int queueId, byte[] body) {
        String properties = MessageProperties.format(Map.of(MessageProperties.TAGS, "TagA",
                MessageProperties.UNIQ_KEY, "7F0000010001ABCD0000000000000001", "WAIT", "true"));
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
