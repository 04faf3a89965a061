package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.MqClientException;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.body.RemotingJson;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offsets of a broadcasting consumer, kept in a JSON file of its own ({@code <dir>/<group>.json}),
 * written whole to a temporary file and moved into place, so a crash leaves the old or the new
 * version, never half of one. Read once at start.
 */
final class LocalOffsetStore implements OffsetStore {

    private static final System.Logger LOG = System.getLogger(LocalOffsetStore.class.getName());

    /** The file's content. */
    public record OffsetFile(String group, List<Entry> offsets) {
    }

    /** One queue's offset in the file. */
    public record Entry(String topic, String brokerName, int queueId, long offset) {
    }

    private final String group;
    private final Path file;
    private final Map<MessageQueue, Long> offsets = new HashMap<>();

    /**
     * Opens the store of {@code group} in {@code directory} (created when missing) and reads the file.
     *
     * @throws MqClientException when the directory cannot be made or the file cannot be read
     */
    LocalOffsetStore(String group, Path directory) {
        this.group = group;
        this.file = directory.resolve(group + ".json");
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                OffsetFile content = RemotingJson.decode(Files.readAllBytes(file), OffsetFile.class);
                for (Entry entry : content.offsets() == null ? List.<Entry>of() : content.offsets()) {
                    offsets.put(new MessageQueue(entry.topic(), entry.brokerName(), entry.queueId()), entry.offset());
                }
            }
        } catch (IOException | RemotingCommandException e) {
            throw new MqClientException("cannot read the broadcasting offsets of group " + group + " from " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** The file. */
    Path file() {
        return file;
    }

    @Override
    public synchronized long read(MessageQueue queue) {
        return offsets.getOrDefault(queue, -1L);
    }

    @Override
    public synchronized void persist(Map<MessageQueue, Long> changed, boolean wait) {
        boolean any = false;
        for (Map.Entry<MessageQueue, Long> entry : changed.entrySet()) {
            if (entry.getValue() >= 0 && !entry.getValue().equals(offsets.put(entry.getKey(), entry.getValue()))) {
                any = true;
            }
        }
        if (!any && Files.exists(file)) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<MessageQueue, Long> entry : new TreeMap<>(offsets).entrySet()) {
            MessageQueue queue = entry.getKey();
            entries.add(new Entry(queue.topic(), queue.brokerName(), queue.queueId(), entry.getValue()));
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, RemotingJson.encode(new OffsetFile(group, entries)));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "group {0}: cannot write the broadcasting offsets to {1}; trying again at the next "
                    + "commit: {2}", group, file, e.toString());
        }
    }

    @Override
    public synchronized void assume(MessageQueue queue, long offset) {
        offsets.put(queue, offset);
    }
}
