package dev.mq.store.state;

import dev.mq.store.StoreException;
import dev.mq.store.internal.FileNames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small state file (topics, subscriptions, consumer offsets, ...) holding one JSON document that
 * is replaced atomically as a whole and read back after a restart.
 *
 * <p><b>Writing.</b> {@link #write(Object)} serializes the value to {@code <name>.tmp} next to the
 * target, forces it to disk, renames it onto the target with an atomic move and finally forces the
 * directory, so that after a crash the target holds either the previous or the new complete
 * document, never a mixture. Parent directories are created on the first write.
 *
 * <p><b>Reading.</b> {@link #read()} returns the last completely written value, or empty when
 * nothing was ever written. A {@code <name>.tmp} left behind by a crash in the middle of a write
 * is ignored and deleted. A target that cannot be parsed is an error ({@link StoreException}
 * naming the file), never silently treated as absent: losing consumer offsets quietly is worse
 * than refusing to start.
 *
 * <p><b>Threads and processes.</b> A state file has one owner (the component that keeps the state
 * in memory) and the data directory is locked by one process. {@code write} and {@code read} are
 * {@code synchronized}, so concurrent callers in that process never interleave temporary files;
 * the last write to finish wins.
 *
 * @param <T> the type of the document; it must be serializable and deserializable by the mapper
 */
public final class JsonStateFile<T> {

    /** Indented output so that an operator can read and, in an emergency, edit a state file. */
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final boolean DIRECTORY_FSYNC_UNSUPPORTED =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path path;
    private final Path tempPath;
    private final Path directory;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    /** A state file for documents of class {@code type}, written with the default mapper. */
    public JsonStateFile(Path path, Class<T> type) {
        this(path, type, DEFAULT_MAPPER);
    }

    /** A state file for documents of class {@code type}, written with {@code mapper}. */
    public JsonStateFile(Path path, Class<T> type, ObjectMapper mapper) {
        this(path, Objects.requireNonNull(mapper, "mapper").constructType(Objects.requireNonNull(type, "type")),
                mapper);
    }

    /**
     * A state file for a generic document type, for example
     * {@code new JsonStateFile<>(path, new TypeReference<Map<String, Long>>() {})}, written with the
     * default mapper.
     */
    public JsonStateFile(Path path, TypeReference<T> type) {
        this(path, type, DEFAULT_MAPPER);
    }

    /** A state file for a generic document type, written with {@code mapper}. */
    public JsonStateFile(Path path, TypeReference<T> type, ObjectMapper mapper) {
        this(path, Objects.requireNonNull(mapper, "mapper").constructType(Objects.requireNonNull(type, "type")),
                mapper);
    }

    private JsonStateFile(Path path, JavaType type, ObjectMapper mapper) {
        Path absolute = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        if (absolute.getFileName() == null || absolute.getParent() == null) {
            throw new IllegalArgumentException("a state file needs a file name inside a directory: " + path);
        }
        this.path = absolute;
        this.tempPath = absolute.resolveSibling(absolute.getFileName() + FileNames.TEMP_SUFFIX);
        this.directory = absolute.getParent();
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /** The target file (absolute). */
    public Path path() {
        return path;
    }

    /**
     * Replaces the file's content with {@code value}, durably: when this method returns, the new
     * document survives a crash or power loss.
     *
     * @throws StoreException if the value cannot be serialized or the file cannot be written; the
     *                        previous content is then still in place
     */
    public synchronized void write(T value) {
        Objects.requireNonNull(value, "value");
        byte[] json;
        try {
            json = writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new StoreException("could not serialize the state for " + path + ": " + e.getOriginalMessage(), e);
        }
        try {
            Files.createDirectories(directory);
            writeAndForce(tempPath, json);
            Files.move(tempPath, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
        } catch (IOException e) {
            StoreException failure = new StoreException("could not write state file " + path + ": " + e, e);
            try {
                Files.deleteIfExists(tempPath);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * The last completely written value, or empty if the file does not exist. Deletes a temporary
     * file left behind by an interrupted {@link #write(Object)}.
     *
     * @throws StoreException if the file exists but cannot be read or does not hold a valid document
     */
    public synchronized Optional<T> read() {
        byte[] json;
        try {
            Files.deleteIfExists(tempPath);
            json = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("could not read state file " + path + ": " + e, e);
        }
        T value;
        try {
            value = reader.readValue(json);
        } catch (JacksonException e) {
            throw new StoreException("state file " + path + " is corrupt (" + json.length + " bytes): "
                    + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new StoreException("state file " + path + " is corrupt: it holds no document");
        }
        return Optional.of(value);
    }

    @Override
    public String toString() {
        return "JsonStateFile[" + path + "]";
    }

    private static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Makes the rename itself durable by forcing the directory entry. Windows cannot open a
     * directory as a file channel, so the step is skipped there (the one known unsupported case);
     * anywhere else a failure is reported.
     */
    private static void forceDirectory(Path directory) throws IOException {
        if (DIRECTORY_FSYNC_UNSUPPORTED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
