package dev.mq.store;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.record.AppendMessage;
import dev.mq.message.record.RecordView;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small configurations and message helpers shared by store tests. */
final class TestStores {

    static final int SEGMENT_SIZE = 128 * 1024;
    static final int MAX_MESSAGE_SIZE = 4096;

    private TestStores() {
    }

    /** Small segments and queue files so tests cross file boundaries; background services slow. */
    static StoreConfig.Builder small(Path dir) {
        return StoreConfig.builder(dir)
                .storeHost(new InetSocketAddress("127.0.0.1", 10911))
                .commitLogSegmentSize(SEGMENT_SIZE)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .consumeQueueEntriesPerFile(50)
                .indexHashSlots(64)
                .indexEntriesPerFile(200)
                .flushInterval(Duration.ofMillis(20))
                .flushThoroughInterval(Duration.ofMillis(200))
                .consumeQueueFlushInterval(Duration.ofMillis(50))
                .retentionCheckInterval(Duration.ofHours(1));
    }

    static AppendMessage message(String topic, int queueId, String body, Map<String, String> properties) {
        return AppendMessage.of(topic, queueId, body.getBytes(StandardCharsets.UTF_8),
                MessageProperties.format(properties), 1_700_000_000_000L);
    }

    static AppendMessage message(String topic, int queueId, String body) {
        return message(topic, queueId, body, Map.of());
    }

    static AppendMessage tagged(String topic, int queueId, String body, String tag, String keys, String uniqueKey) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (tag != null) {
            properties.put(PropertyNames.TAGS, tag);
        }
        if (keys != null) {
            properties.put(PropertyNames.KEYS, keys);
        }
        if (uniqueKey != null) {
            properties.put(PropertyNames.UNIQ_KEY, uniqueKey);
        }
        return message(topic, queueId, body, properties);
    }

    static String body(ByteBuffer record) {
        return new String(new RecordView().wrap(record, 0).body(), StandardCharsets.UTF_8);
    }

    static List<String> bodies(GetMessageResult result) {
        List<String> bodies = new ArrayList<>();
        for (ByteBuffer record : result.messages()) {
            bodies.add(body(record));
        }
        return bodies;
    }

    static List<String> bodies(StoredMessages result) {
        List<String> bodies = new ArrayList<>();
        for (ByteBuffer record : result.messages()) {
            bodies.add(body(record));
        }
        return bodies;
    }

    /** Reads a whole queue from offset 0 (closing each result). */
    static List<String> readAll(MessageStore store, String topic, int queueId) {
        List<String> all = new ArrayList<>();
        long offset = store.minOffset(topic, queueId);
        while (true) {
            try (GetMessageResult result = store.getMessages(topic, queueId, offset, 32, 1 << 20, null)) {
                if (result.status() != GetMessageStatus.FOUND) {
                    return all;
                }
                all.addAll(bodies(result));
                offset = result.nextBeginOffset();
            }
        }
    }
}
