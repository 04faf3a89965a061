package dev.mq.store.internal;

import dev.mq.store.StoreException;
import dev.mq.store.state.JsonStateFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every consume queue's ends as of the last checkpoint, kept on disk so that a restart after a
 * crash can open the queues lazily, as after a graceful close, instead of scanning all of them.
 *
 * <p><b>Files.</b> A snapshot, {@code queue-ends-checkpoint.json}, holds every queue's
 * {@code [queueId, min, max]} (written with {@link JsonStateFile}: replaced atomically). A journal,
 * {@code queue-ends-checkpoint.journal}, holds one JSON line per checkpoint that changed
 * something since: the ends of the queues that changed and the topics deleted. Each checkpoint
 * thus writes what changed, not every queue; once the journal has outgrown the snapshot (and
 * {@link #MIN_COMPACTION_BYTES}) the next record writes a new snapshot and empties the journal.
 *
 * <p><b>Generations.</b> Each snapshot has a generation one above the previous one, and every
 * journal line carries the generation of the snapshot it follows. A crash between writing a
 * snapshot and emptying the journal leaves lines of the older generation, which reading ignores:
 * the snapshot already holds what they say, and more recent values too.
 *
 * <p><b>Validity.</b> Each record also says which checkpoint it belongs to
 * ({@code checkpointDispatched}: the dispatched position the checkpoint writes next) and how far
 * the dispatcher had got once the queues were flushed ({@code dispatched}): every recorded entry
 * points below it. The store writes the record before the checkpoint file, so the record is never
 * older than the checkpoint; {@link #invalidate()} at every open keeps a record from outliving the
 * process that wrote it.
 *
 * <p><b>Threads.</b> One owner: the store's checkpoint thread, and the opening and closing thread
 * while no checkpoint runs.
 */
public final class QueueEndsJournal implements AutoCloseable {

    /** A journal shorter than this is never compacted, whatever the snapshot's size. */
    static final long MIN_COMPACTION_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(QueueEndsJournal.class.getName());
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final boolean DIRECTORY_FSYNC_UNSUPPORTED =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** The snapshot document; {@code queues} holds per topic one {@code [queueId, min, max]} per queue. */
    record Snapshot(long generation, long checkpointDispatched, long dispatched, Map<String, List<long[]>> queues) {
    }

    /** One journal line: the topics deleted, then the queues changed, since the previous record. */
    record Delta(long generation, long checkpointDispatched, long dispatched, List<String> removed,
                 Map<String, List<long[]>> queues) {
    }

    /**
     * What the files say as of the last record.
     *
     * @param checkpointDispatched the dispatched position of the checkpoint the record belongs to
     * @param dispatched           every recorded entry points below this commit-log offset
     * @param queues               per topic, {@code [min, max]} by queue id
     */
    public record Recorded(long checkpointDispatched, long dispatched, Map<String, Map<Integer, long[]>> queues) {

        /** Whether the record is at least as recent as {@code checkpoint}. */
        public boolean covers(Checkpoint checkpoint) {
            return checkpoint != null && checkpointDispatched >= checkpoint.dispatched();
        }
    }

    private final JsonStateFile<Snapshot> snapshot;
    private final Path journalPath;
    private final ObjectReader lineReader = MAPPER.readerFor(Delta.class);
    private final ObjectWriter lineWriter = MAPPER.writerFor(Delta.class);
    private FileChannel journal;
    private long journalSize;
    /** Bytes of the snapshot written in this life; -1 before the first one. */
    private long snapshotSize = -1;
    private long generation;
    private long bytesWritten;

    public QueueEndsJournal(Path dataDir) {
        this.snapshot = new JsonStateFile<>(FileNames.checkpointedEndsFile(dataDir), Snapshot.class, MAPPER);
        this.journalPath = FileNames.checkpointedEndsJournal(dataDir).toAbsolutePath();
    }

    /**
     * The state the files hold, or empty if there is no snapshot.
     *
     * @throws StoreException if a file cannot be read or holds something that is not a record
     */
    public Optional<Recorded> read() {
        Optional<Snapshot> base = snapshot.read();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Snapshot start = base.get();
        Map<String, Map<Integer, long[]>> queues = new HashMap<>();
        apply(queues, List.of(), start.queues());
        long checkpointDispatched = start.checkpointDispatched();
        long dispatched = start.dispatched();
        for (Delta delta : readJournal()) {
            if (delta.generation() != start.generation()) {
                continue; // written before the snapshot, which holds it already
            }
            apply(queues, delta.removed(), delta.queues());
            checkpointDispatched = delta.checkpointDispatched();
            dispatched = delta.dispatched();
        }
        return Optional.of(new Recorded(checkpointDispatched, dispatched, queues));
    }

    /**
     * Deletes both files, durably: what they say stops being true as soon as the opening store
     * changes a queue. Call before recovery changes anything.
     */
    public void invalidate() {
        closeJournal();
        try {
            boolean deleted = Files.deleteIfExists(journalPath);
            deleted |= Files.deleteIfExists(snapshot.path());
            if (deleted) {
                forceDirectory();
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete the queue ends recorded at the last checkpoint in "
                    + journalPath.getParent() + ": " + e, e);
        }
        journalSize = 0;
        snapshotSize = -1;
        generation = 0;
    }

    /** Whether the next record must be a whole snapshot: none was written in this life, or the journal outgrew it. */
    public boolean snapshotDue() {
        return snapshotSize < 0 || journalSize >= Math.max(MIN_COMPACTION_BYTES, snapshotSize);
    }

    /** Bytes written to the snapshot and journal in this life. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Replaces the snapshot with {@code queues} (every queue) and empties the journal, durably.
     *
     * @throws StoreException if a file cannot be written; the previous record then still holds
     */
    public void writeSnapshot(long checkpointDispatched, long dispatched, Map<String, List<long[]>> queues) {
        long next = generation + 1;
        snapshot.write(new Snapshot(next, checkpointDispatched, dispatched, queues));
        generation = next;
        try {
            snapshotSize = Files.size(snapshot.path());
            openJournal();
            journal.truncate(0);
            journal.force(true);
        } catch (IOException e) {
            throw new StoreException("cannot empty the journal " + journalPath + ": " + e, e);
        }
        journalSize = 0;
        bytesWritten += snapshotSize;
    }

    /**
     * Appends one record of changes to the journal and forces it. A failed append is cut off again,
     * so the journal stays a sequence of whole lines.
     *
     * @throws IllegalStateException if no snapshot was written in this life ({@link #snapshotDue()})
     * @throws StoreException        if the journal cannot be written
     */
    public void append(long checkpointDispatched, long dispatched, List<String> removed,
                       Map<String, List<long[]>> queues) {
        if (snapshotSize < 0) {
            throw new IllegalStateException("the first record of a life must be a snapshot");
        }
        byte[] line;
        try {
            byte[] json = lineWriter.writeValueAsBytes(new Delta(generation, checkpointDispatched, dispatched,
                    removed, queues));
            line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
        } catch (JacksonException e) {
            throw new StoreException("cannot serialize queue ends for " + journalPath + ": " + e.getOriginalMessage(), e);
        }
        long start = journalSize;
        try {
            openJournal();
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long position = start;
            while (buffer.hasRemaining()) {
                position += journal.write(buffer, position);
            }
            journal.force(false);
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot append to " + journalPath + ": " + e, e);
            try {
                journal.truncate(start);
            } catch (IOException | RuntimeException cut) {
                failure.addSuppressed(cut);
            }
            throw failure;
        }
        journalSize = start + line.length;
        bytesWritten += line.length;
    }

    @Override
    public void close() {
        closeJournal();
    }

    private void closeJournal() {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (IOException e) {
            throw new StoreException("cannot close " + journalPath + ": " + e, e);
        } finally {
            journal = null;
        }
    }

    private void openJournal() throws IOException {
        if (journal == null) {
            boolean created = !Files.exists(journalPath);
            journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                forceDirectory();
            }
        }
    }

    private void forceDirectory() throws IOException {
        if (DIRECTORY_FSYNC_UNSUPPORTED) {
            return;
        }
        try (FileChannel directory = FileChannel.open(journalPath.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * The journal's lines. A last line without its newline, or unreadable, was torn by a crash in
     * the middle of an append (the checkpoint it belonged to was never written) and is dropped; an
     * unreadable line followed by a readable one is corruption.
     */
    private List<Delta> readJournal() {
        byte[] content;
        try {
            content = Files.readAllBytes(journalPath);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("cannot read " + journalPath + ": " + e, e);
        }
        List<Delta> deltas = new java.util.ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        String torn = null;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            Delta delta = null;
            if (end < content.length) {
                try {
                    delta = lineReader.readValue(content, start, end - start);
                } catch (JacksonException e) {
                    delta = null;
                }
            }
            if (delta == null) {
                if (torn == null) {
                    torn = "line " + lineNumber + ": "
                            + new String(content, start, Math.min(end - start, 120), StandardCharsets.UTF_8);
                }
            } else if (torn != null) {
                throw new StoreException(journalPath + " is corrupt at " + torn + " (readable lines follow it)");
            } else {
                deltas.add(delta);
            }
            start = end + 1;
        }
        if (torn != null) {
            LOG.log(Level.WARNING, "dropped the unfinished end of {0} from {1}", journalPath, torn);
        }
        return deltas;
    }

    private void apply(Map<String, Map<Integer, long[]>> queues, List<String> removed,
                       Map<String, List<long[]>> changed) {
        if (removed != null) {
            removed.forEach(queues::remove);
        }
        if (changed == null) {
            return;
        }
        changed.forEach((topic, list) -> {
            Map<Integer, long[]> byId = queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
            for (long[] queue : list) {
                if (queue == null || queue.length != 3 || queue[0] < 0 || queue[0] > Integer.MAX_VALUE
                        || queue[1] < 0 || queue[1] > queue[2]) {
                    throw new StoreException("the queue ends recorded for " + topic + " in " + journalPath.getParent()
                            + " hold a malformed entry " + Arrays.toString(queue));
                }
                byId.put((int) queue[0], new long[] {queue[1], queue[2]});
            }
        });
    }
}
