package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fixed-size file mapped into memory. It owns exactly one channel and one mapping and releases
 * both once: when its owner has closed it and the last reader has released it.
 *
 * <p><b>Lifetime.</b> The creator holds the first reference. Readers that hand out slices of the
 * mapping call {@link #retain()} first and {@link #release()} when the slices are no longer used;
 * {@code retain()} fails once the file is being closed. {@link #close()} and {@link #destroy()}
 * drop the owner's reference; the mapping is unmapped when the count reaches zero.
 * {@code destroy()} unlinks the file at once (a mapping outlives its directory entry), so a new
 * file of the same name can never be deleted by a late release. This is what makes it safe to
 * delete a segment while a pull response still points into it.
 *
 * <p><b>Threads.</b> Writes ({@link #write}, or absolute puts on {@link #mapping()}) are made by
 * one owner thread only (the class does not check it; its owners do). Absolute reads may come
 * from any thread.
 */
public final class MappedFile {

    /** The page size the store assumes the page cache works in (4 KiB on every platform it runs on). */
    public static final int PAGE = 4096;

    private final Path path;
    private final long startOffset;
    /** Bytes read (and, where not all zero, written) at a time by {@link #zeroFromThroughChannel}. */
    private static final int ZERO_CHUNK = 1 << 20;
    private final int size;
    /** The channel kept open for positional I/O; null for a file mapped without a descriptor. */
    private final FileChannel channel;
    private final MappedByteBuffer mapping;
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean ownerReleased = new AtomicBoolean();

    private MappedFile(Path path, long startOffset, int size, FileChannel channel, MappedByteBuffer mapping) {
        this.path = path;
        this.startOffset = startOffset;
        this.size = size;
        this.channel = channel;
        this.mapping = mapping;
    }

    /**
     * Creates a new file of {@code size} bytes (zero-filled, sparse) and maps it.
     *
     * @throws StoreException if the file exists or cannot be created
     */
    public static MappedFile create(Path path, long startOffset, int size) {
        return map(path, startOffset, size, StandardOpenOption.CREATE_NEW, true);
    }

    /**
     * Like {@link #create}, but keeps no file descriptor: the channel is closed once the file is
     * mapped (the mapping stays valid), and {@link #read}, {@link #write} and {@link #forceData()}
     * open one for the call. For files of which there are many and whose positional I/O is rare
     * (consume queues), so that the process's descriptors do not bound their number.
     */
    public static MappedFile createWithoutDescriptor(Path path, long startOffset, int size) {
        return map(path, startOffset, size, StandardOpenOption.CREATE_NEW, false);
    }

    /**
     * Maps an existing file at {@code size} bytes. A shorter file (for example one truncated by a
     * crash or by hand) is extended with zeros, which recovery reads as "nothing written here".
     *
     * @throws StoreException if the file is longer than {@code size}: it was written with another
     *                        configuration
     */
    public static MappedFile open(Path path, long startOffset, int size) {
        return open(path, startOffset, size, true);
    }

    /** Like {@link #open}, keeping no file descriptor (see {@link #createWithoutDescriptor}). */
    public static MappedFile openWithoutDescriptor(Path path, long startOffset, int size) {
        return open(path, startOffset, size, false);
    }

    private static MappedFile open(Path path, long startOffset, int size, boolean keepDescriptor) {
        try {
            long actual = Files.size(path);
            if (actual > size) {
                throw new StoreException("file " + path + " has " + actual + " bytes but the configured size is "
                        + size + "; was the store written with another segment or queue-file size?");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + path, e);
        }
        return map(path, startOffset, size, StandardOpenOption.CREATE, keepDescriptor);
    }

    private static MappedFile map(Path path, long startOffset, int size, StandardOpenOption createMode,
                                  boolean keepDescriptor) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, createMode, StandardOpenOption.READ, StandardOpenOption.WRITE);
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            if (!keepDescriptor) {
                FileChannel mapped = channel;
                channel = null;
                mapped.close();
            }
            return new MappedFile(path, startOffset, size, channel, mapping);
        } catch (IOException | UncheckedIOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw new StoreException("cannot map " + path + " (" + size + " bytes)", e);
        }
    }

    public Path path() {
        return path;
    }

    /** The offset (commit-log byte, or queue entry index times entry size) of this file's first byte. */
    public long startOffset() {
        return startOffset;
    }

    public int size() {
        return size;
    }

    /** The writable mapping, for the owner. Use absolute gets and puts only: the buffer is shared. */
    public ByteBuffer mapping() {
        return mapping;
    }

    /** A read-only view of {@code length} bytes at {@code position}; valid while a reference is held. */
    public ByteBuffer slice(int position, int length) {
        return mapping.slice(position, length).asReadOnlyBuffer();
    }

    /** Takes a reader reference; false if the file is already being closed (then do not touch it). */
    public boolean retain() {
        if (ownerReleased.get()) {
            return false;
        }
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference taken by {@link #retain()}. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            free();
        } else if (left < 0) {
            throw new IllegalStateException("released more often than retained: " + path);
        }
    }

    /** Writes dirty pages in {@code [from, to)} to the device. */
    public void force(int from, int to) {
        if (to > from) {
            try {
                mapping.force(from, to - from);
            } catch (UncheckedIOException e) {
                throw new StoreException("cannot flush " + path, e);
            }
        }
    }

    /**
     * Writes all of {@code source} at {@code position} through the channel (a positional write
     * into the page cache, visible through the mapping at once). For the owner only.
     */
    public void write(ByteBuffer source, int position) {
        if (position + source.remaining() > size) {
            throw new IllegalArgumentException("write of " + source.remaining() + " bytes at " + position
                    + " goes beyond " + this);
        }
        FileChannel io = null;
        try {
            io = channelForCall();
            long at = position;
            while (source.hasRemaining()) {
                at += io.write(source, at);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + path + " at " + position, e);
        } finally {
            closeIfForCall(io);
        }
    }

    /**
     * Reads bytes at {@code position} into {@code target} through the channel (a positional read
     * that fills the page cache, not a fault on the mapping), until {@code target} is full or the
     * file ends.
     */
    public void read(ByteBuffer target, int position) {
        if (position + target.remaining() > size) {
            throw new IllegalArgumentException("read of " + target.remaining() + " bytes at " + position
                    + " goes beyond " + this);
        }
        FileChannel io = null;
        try {
            io = channelForCall();
            long at = position;
            while (target.hasRemaining()) {
                int read = io.read(target, at);
                if (read < 0) {
                    return;
                }
                at += read;
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + path + " at " + position, e);
        } finally {
            closeIfForCall(io);
        }
    }

    /** Forces the file's data (not its metadata unless needed to read the data) to the device. */
    public void forceData() {
        FileChannel io = null;
        try {
            io = channelForCall();
            io.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot flush " + path, e);
        } finally {
            closeIfForCall(io);
        }
    }

    /**
     * The kept channel, or one opened for this call on a file mapped without a descriptor (which
     * fails once the file has been destroyed: it is opened by its path).
     */
    private FileChannel channelForCall() throws IOException {
        return channel != null ? channel
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void closeIfForCall(FileChannel io) {
        if (io != null && io != channel) {
            try {
                io.close();
            } catch (IOException e) {
                throw new StoreException("cannot close " + path, e);
            }
        }
    }

    /** Truncates the file's data beyond {@code position} to zeros (used by recovery). */
    public void zeroFrom(int position) {
        for (int i = position; i < size; ) {
            if ((i & 7) == 0 && i + 8 <= size) {
                if (mapping.getLong(i) != 0L) {
                    mapping.putLong(i, 0L);
                }
                i += 8;
            } else {
                mapping.put(i, (byte) 0);
                i++;
            }
        }
    }

    /**
     * Like {@link #zeroFrom}, but through the file channel, a chunk at a time, writing zeros only
     * over chunks that hold something: no page is faulted into this process's mapping. The rest
     * of a commit-log segment after a crash is most of a gigabyte, and faulting it in through the
     * mapping added that much to the resident memory of a restarted process.
     */
    public void zeroFromThroughChannel(int position) {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, Math.max(0, size - position)));
        ByteBuffer zeros = ByteBuffer.allocate(chunk.capacity());
        for (int at = position; at < size; ) {
            int length = Math.min(chunk.capacity(), size - at);
            chunk.clear().limit(length);
            read(chunk, at);
            chunk.flip();
            zeros.clear().limit(chunk.limit());
            if (chunk.mismatch(zeros) >= 0) {
                zeros.clear().limit(length);
                write(zeros, at);
            }
            at += length;
        }
    }

    /** Drops the owner's reference; unmaps once readers are done. Idempotent. */
    public void close() {
        if (ownerReleased.compareAndSet(false, true)) {
            release();
        }
    }

    /** Deletes the file now and drops the owner's reference; readers keep their view until they release. */
    public void destroy() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StoreException("cannot delete " + path, e);
        } finally {
            close();
        }
    }

    private void free() {
        Unmapper.unmap(mapping);
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close " + path, e);
        }
    }

    @Override
    public String toString() {
        return "MappedFile[" + path + ", start=" + startOffset + ", size=" + size + "]";
    }
}
