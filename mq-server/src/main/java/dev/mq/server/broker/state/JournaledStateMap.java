package dev.mq.server.broker.state;

import dev.mq.lifecycle.ServiceThread;
import dev.mq.store.StoreException;
import dev.mq.store.state.JsonStateFile;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A map of named settings (topics, subscription groups) kept durable as a JSON snapshot plus a
 * journal of the changes made since, written by one thread in group commits.
 *
 * <p><b>Files.</b> The snapshot is {@code <name>.json}, a whole {@code Map<String, V>} written with
 * {@link JsonStateFile} (the format the broker always used, so an older data directory loads as it
 * is). The journal is {@code <name>.json.journal}: one compact JSON object per line,
 * {@code {"key":k,"value":v}} for a put and {@code {"key":k}} for a removal.
 *
 * <p><b>Writing.</b> {@link #put} and {@link #remove} only queue the change and return a future.
 * The writer thread takes every queued change at once, appends their lines to the journal in one
 * write, forces it, and only then completes their futures: one fsync covers however many changes
 * arrived meanwhile, and a change whose future completed survives a crash. When the journal has
 * grown past the snapshot (and at least {@link #MIN_COMPACTION_BYTES}), the writer replaces the
 * snapshot with the current state and empties the journal, so the bytes written stay proportional
 * to the bytes changed (each compaction writes at most about as much as was journaled since the
 * previous one) instead of one whole file per change.
 *
 * <p><b>Order.</b> Changes are journaled in the order they were queued; the owner queues them
 * under the same lock that changes its in-memory map, so the journal replays to that map.
 *
 * <p><b>Reading.</b> Construction reads the snapshot and replays the journal over it. Lines that
 * cannot be read at the end of the journal are a write torn by a crash (never acknowledged) and
 * are dropped; an unreadable line followed by a readable one is corruption and an error. A
 * non-empty journal is then compacted once, so every run starts from a snapshot and an empty
 * journal.
 *
 * <p><b>Threads.</b> The writer thread runs from construction until {@link #close()}, which
 * writes what is queued and stops it.
 *
 * @param <V> the value type; it must be serializable by Jackson
 */
public final class JournaledStateMap<V> implements AutoCloseable {

    /** A journal shorter than this is never compacted, whatever the snapshot's size. */
    static final long MIN_COMPACTION_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(JournaledStateMap.class.getName());
    private static final ObjectMapper LINE_MAPPER = JsonMapper.builder().build();
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One journal line; {@code value} null means the key was removed. */
    record Line<V>(String key, V value) {
    }

    private record Change<V>(String key, V value, CompletableFuture<Void> done) {
    }

    private final JsonStateFile<Map<String, V>> snapshot;
    private final Path journalPath;
    private final ObjectReader lineReader;
    private final ObjectWriter lineWriter;
    private final ConcurrentLinkedQueue<Change<V>> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, V> persisted; // what snapshot + journal hold; the writer thread's own
    private final Map<String, V> loaded;
    private final ServiceThread thread = new ServiceThread();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private volatile boolean running = true;
    private FileChannel journal;
    private long journalSize;
    private long snapshotSize;

    /**
     * Loads {@code <name>.json} and its journal from {@code dir} and starts the writer thread.
     *
     * @param snapshotType the snapshot's type, {@code Map<String, V>}
     * @param valueType    the class of the values, for the journal's lines
     *
     * @throws StoreException if a file cannot be read or holds something unreadable
     */
    public JournaledStateMap(Path dir, String name, TypeReference<Map<String, V>> snapshotType, Class<V> valueType) {
        this.snapshot = new JsonStateFile<>(dir.resolve(name + ".json"), snapshotType);
        this.journalPath = dir.resolve(name + ".json.journal").toAbsolutePath();
        JavaType lineType = LINE_MAPPER.getTypeFactory().constructParametricType(Line.class, valueType);
        this.lineReader = LINE_MAPPER.readerFor(lineType);
        this.lineWriter = LINE_MAPPER.writerFor(lineType);
        this.persisted = new HashMap<>(snapshot.read().orElse(Map.of()));
        boolean replayed = replayJournal();
        this.loaded = Collections.unmodifiableMap(new HashMap<>(persisted));
        try {
            if (replayed) {
                compact();
            } else {
                snapshotSize = Files.exists(snapshot.path()) ? Files.size(snapshot.path()) : 0;
            }
            openJournal();
        } catch (IOException e) {
            throw new StoreException("cannot open the journal " + journalPath + ": " + e, e);
        }
        thread.start("mq-state-" + name, this::run);
    }

    /** The state read at construction (snapshot plus journal). */
    public Map<String, V> loaded() {
        return loaded;
    }

    /** Queues setting {@code key} to {@code value}; the future completes once that is on disk. */
    public CompletableFuture<Void> put(String key, V value) {
        return enqueue(key, Objects.requireNonNull(value, "value"));
    }

    /** Queues removing {@code key}; the future completes once that is on disk. */
    public CompletableFuture<Void> remove(String key) {
        return enqueue(key, null);
    }

    /** Bytes written to the journal and snapshots since construction (compaction at load not counted). */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Journal forces (group commits) since construction. */
    public long syncs() {
        return syncs.get();
    }

    /** Snapshots written since construction (compaction at load not counted). */
    public long snapshots() {
        return snapshots.get();
    }

    /** The journal file. */
    public Path journalPath() {
        return journalPath;
    }

    /** Writes every queued change, then stops the writer thread and closes the journal. */
    @Override
    public void close() {
        running = false;
        thread.stopAndJoin();
        Change<V> late; // queued while the writer was ending: never written
        while ((late = queue.poll()) != null) {
            late.done.completeExceptionally(new StoreException("the state file " + snapshot.path() + " is closed"));
        }
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            throw new StoreException("cannot close the journal " + journalPath + ": " + e, e);
        }
    }

    private CompletableFuture<Void> enqueue(String key, V value) {
        Objects.requireNonNull(key, "key");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new StoreException("the state file " + snapshot.path() + " is closed"));
            return done;
        }
        queue.add(new Change<>(key, value, done));
        thread.wake();
        return done;
    }

    private void run() {
        List<Change<V>> batch = new ArrayList<>();
        while (true) {
            Change<V> next;
            while ((next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                if (!running) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            boolean written = false;
            try {
                appendToJournal(batch);
                written = true;
            } catch (RuntimeException | IOException e) {
                StoreException failure = e instanceof StoreException s ? s
                        : new StoreException("cannot write the journal " + journalPath + ": " + e, e);
                LOG.log(Level.ERROR, "writing " + batch.size() + " change(s) to " + journalPath + " failed", failure);
                batch.forEach(change -> change.done.completeExceptionally(failure));
            }
            if (written) {
                batch.forEach(change -> change.done.complete(null));
                compactIfDue();
            }
            batch.clear();
        }
    }

    /** Appends the batch's lines in one write and forces them; the batch is then durable. */
    private void appendToJournal(List<Change<V>> batch) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * 256);
        for (Change<V> change : batch) {
            lines.write(lineWriter.writeValueAsBytes(new Line<>(change.key, change.value)));
            lines.write('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        long start = journalSize;
        try {
            long position = start;
            while (buffer.hasRemaining()) {
                position += journal.write(buffer, position);
            }
            journal.force(false);
        } catch (IOException e) {
            // keep the journal a sequence of whole lines: cut off whatever part of this batch got in
            try {
                journal.truncate(start);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
        journalSize = start + lines.size();
        bytesWritten.addAndGet(lines.size());
        syncs.incrementAndGet();
        for (Change<V> change : batch) {
            apply(change.key, change.value);
        }
    }

    /**
     * Replaces the snapshot once the journal has outgrown it. A failure is logged and leaves the
     * journal as it is (everything in it stays durable); the next batch tries again.
     */
    private void compactIfDue() {
        if (journalSize < Math.max(MIN_COMPACTION_BYTES, snapshotSize)) {
            return;
        }
        try {
            compact();
            bytesWritten.addAndGet(snapshotSize);
            snapshots.incrementAndGet();
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.ERROR, "cannot compact " + journalPath + " into " + snapshot.path()
                    + "; the journal keeps growing until a compaction succeeds", e);
        }
    }

    private void apply(String key, V value) {
        if (value == null) {
            persisted.remove(key);
        } else {
            persisted.put(key, value);
        }
    }

    /** Writes the snapshot of {@link #persisted} durably, then empties the journal. */
    private void compact() throws IOException {
        snapshot.write(new TreeMap<>(persisted));
        snapshotSize = Files.size(snapshot.path());
        if (journal != null) {
            journal.truncate(0);
            journal.force(true);
        } else {
            try (FileChannel channel = FileChannel.open(journalPath, StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.force(true);
            } catch (NoSuchFileException e) {
                // nothing to empty
            }
        }
        journalSize = 0;
    }

    private void openJournal() throws IOException {
        Files.createDirectories(journalPath.getParent());
        boolean created = !Files.exists(journalPath);
        journal = FileChannel.open(journalPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        journalSize = journal.size();
        if (created) {
            try (FileChannel directory = FileChannel.open(journalPath.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException e) {
                if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                    throw e;
                }
            }
        }
    }

    /** Applies the journal's lines to {@link #persisted}; true if it held any. */
    private boolean replayJournal() {
        byte[] content;
        try {
            content = Files.readAllBytes(journalPath);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot read the journal " + journalPath + ": " + e, e);
        }
        if (content.length == 0) {
            return false;
        }
        int lineNumber = 0;
        int start = 0;
        String firstBad = null;
        int dropped = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            Line<V> line = null;
            if (end < content.length) { // a line without its newline was never completely written
                try {
                    line = lineReader.readValue(content, start, end - start);
                } catch (JacksonException e) {
                    line = null;
                }
            }
            if (line == null || line.key() == null) {
                if (firstBad == null) {
                    firstBad = "line " + lineNumber + ": "
                            + new String(content, start, Math.min(end - start, 120), StandardCharsets.UTF_8);
                }
                dropped++;
            } else if (firstBad != null) {
                throw new StoreException("the journal " + journalPath + " is corrupt at " + firstBad
                        + " (readable lines follow it)");
            } else {
                apply(line.key(), line.value());
            }
            start = end + 1;
        }
        if (firstBad != null) {
            LOG.log(Level.WARNING, "dropped {0} unfinished line(s) at the end of {1}, from {2}", dropped, journalPath,
                    firstBad);
        }
        return true;
    }
}
