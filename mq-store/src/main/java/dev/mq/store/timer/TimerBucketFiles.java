package dev.mq.store.timer;

import dev.mq.store.StoreException;
import dev.mq.store.internal.FileNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of the timer index: one per time bucket, named by the bucket's start in epoch ms
 * (20 digits, so a listing sorts in time order), holding fixed-size entries. Keeps at most
 * {@link #OPEN_FILES} files open (least recently used closed first), each with a small append
 * buffer that is written out before any other use of that file, and remembers which files were
 * appended to since the last {@link #forceWritten()}. Owned by the timer thread; not thread-safe.
 *
 * <p>This is the index's file boundary: an {@link IOException} here becomes a {@link StoreException}
 * naming the bucket file or the directory. Only a failure to close a file is logged instead (as a
 * {@code StoreException}, at WARNING) and the work goes on: the file's bytes were written already.
 */
final class TimerBucketFiles implements AutoCloseable {

    static final int OPEN_FILES = 32;
    private static final int APPEND_BUFFER = 8 * 1024;

    /** An open bucket file: its channel, where its end is, and appended bytes not written yet. */
    private static final class Bucket {
        final FileChannel channel;
        final ByteBuffer pending = ByteBuffer.allocateDirect(APPEND_BUFFER);
        long end;

        Bucket(FileChannel channel, long end) {
            this.channel = channel;
            this.end = end;
        }
    }

    private final Path dir;
    private final int entrySize;
    private final Set<Long> written = new HashSet<>();
    private final Map<Long, Bucket> open = new LinkedHashMap<>(OPEN_FILES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Bucket> eldest) {
            if (size() <= OPEN_FILES) {
                return false;
            }
            release(eldest.getKey(), eldest.getValue());
            return true;
        }
    };

    TimerBucketFiles(Path dir, int entrySize) {
        this.dir = dir;
        this.entrySize = entrySize;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the timer index directory " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** A bucket's file name: its start in 20 digits (as {@link FileNames#offsetToName(long)} for a start >= 0). */
    static String name(long bucket) {
        return String.format("%020d", bucket);
    }

    boolean exists(long bucket) {
        return open.containsKey(bucket) || Files.exists(dir.resolve(name(bucket)));
    }

    /** The smallest bucket on disk above {@code after}, or {@link Long#MAX_VALUE} if none. */
    long firstAbove(long after) {
        long first = Long.MAX_VALUE;
        try (Stream<Path> files = Files.list(dir)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                long bucket = FileNames.pathToOffset(it.next());
                if (bucket >= 0 && bucket > after && bucket < first) {
                    first = bucket;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list the timer index directory " + dir, e);
        }
        return first;
    }

    /** Every bucket on disk, in time order (one directory listing). */
    long[] all() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(FileNames::pathToOffset).filter(bucket -> bucket >= 0).sorted().toArray();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list the timer index directory " + dir, e);
        }
    }

    /** The number of whole entries in a bucket's file (0 if it has none). */
    long entries(long bucket) {
        Bucket open = writtenOut(bucket, false);
        return open == null ? 0 : open.end / entrySize;
    }

    /** Appends one entry (the buffer's remaining bytes) to a bucket's file, creating it if needed. */
    void append(long bucket, ByteBuffer entry) {
        Bucket open = bucket(bucket, true);
        if (open.pending.remaining() < entry.remaining()) {
            writeOut(bucket, open);
        }
        open.pending.put(entry);
        written.add(bucket);
    }

    /** Overwrites bytes at {@code position} of a bucket's file (which must exist). */
    void write(long bucket, long position, ByteBuffer bytes) {
        Bucket open = writtenOut(bucket, false);
        if (open == null) {
            throw new StoreException("timer bucket " + file(bucket) + " vanished while entries were pending");
        }
        try {
            writeFully(open.channel, bytes, position);
        } catch (IOException e) {
            throw new StoreException("cannot write timer bucket " + file(bucket), e);
        }
    }

    /** Reads up to {@code into.remaining()} bytes from {@code position}; returns the count (0 at the end). */
    int read(long bucket, long position, ByteBuffer into) {
        Bucket open = writtenOut(bucket, false);
        if (open == null) {
            return 0;
        }
        try {
            int total = 0;
            while (into.hasRemaining()) {
                int n = open.channel.read(into, position + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new StoreException("cannot read timer bucket " + file(bucket), e);
        }
    }

    void delete(long bucket) {
        Bucket removed = open.remove(bucket);
        if (removed != null) {
            closeQuietlyLogged(bucket, removed.channel);
        }
        written.remove(bucket);
        try {
            Files.deleteIfExists(file(bucket));
        } catch (IOException e) {
            throw new StoreException("cannot delete finished timer bucket " + file(bucket), e);
        }
    }

    /** Forces every file appended to since the last call to the device. */
    void forceWritten() {
        for (Iterator<Long> it = written.iterator(); it.hasNext(); ) {
            long bucket = it.next();
            Bucket open = writtenOut(bucket, false);
            if (open != null) {
                try {
                    open.channel.force(false);
                } catch (IOException e) {
                    throw new StoreException("cannot force timer bucket " + file(bucket), e);
                }
            }
            it.remove();
        }
    }

    /** The open bucket with its appended bytes written to the file, or null if it has no file. */
    private Bucket writtenOut(long bucket, boolean create) {
        Bucket found = bucket(bucket, create);
        if (found != null && found.pending.position() > 0) {
            writeOut(bucket, found);
        }
        return found;
    }

    private void writeOut(long bucket, Bucket open) {
        open.pending.flip();
        try {
            int bytes = open.pending.remaining();
            writeFully(open.channel, open.pending, open.end);
            open.end += bytes;
        } catch (IOException e) {
            throw new StoreException("cannot append to timer bucket " + file(bucket), e);
        } finally {
            open.pending.clear();
        }
    }

    private Bucket bucket(long bucket, boolean create) {
        Bucket found = open.get(bucket);
        if (found != null) {
            return found;
        }
        FileChannel channel;
        Path file = file(bucket);
        try {
            channel = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            if (!create) {
                return null;
            }
            throw new StoreException("cannot create timer bucket " + file, e);
        } catch (IOException e) {
            throw new StoreException("cannot open timer bucket " + file, e);
        }
        long size;
        try {
            size = channel.size();
            if (size % entrySize != 0) {
                // an append torn by a crash: its entry was never counted, drop the partial bytes
                size = size / entrySize * entrySize;
                channel.truncate(size);
            }
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw new StoreException("cannot repair timer bucket " + file, e);
        }
        found = new Bucket(channel, size);
        open.put(bucket, found);
        return found;
    }

    private Path file(long bucket) {
        return dir.resolve(name(bucket));
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Writes out and closes an evicted bucket (it stays in {@code written} until forced). */
    private void release(long bucket, Bucket evicted) {
        try {
            if (evicted.pending.position() > 0) {
                writeOut(bucket, evicted);
            }
        } finally {
            closeQuietlyLogged(bucket, evicted.channel);
        }
    }

    private void closeQuietlyLogged(long bucket, FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            StoreException failure = new StoreException("cannot close timer bucket " + file(bucket), e);
            System.getLogger(TimerBucketFiles.class.getName()).log(System.Logger.Level.WARNING,
                    failure.getMessage(), failure);
        }
    }

    /**
     * Forces what was appended and closes every open file, even when one of those steps fails;
     * the first failure is thrown with the later ones suppressed in it.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            forceWritten();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Map.Entry<Long, Bucket> entry : open.entrySet()) {
            try {
                release(entry.getKey(), entry.getValue());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
