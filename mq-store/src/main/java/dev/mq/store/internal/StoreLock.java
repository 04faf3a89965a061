package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a data directory, so two stores never write the same files. */
public final class StoreLock {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dataDir} or fails naming it. */
    public static StoreLock acquire(Path dataDir) {
        Path file = FileNames.lockFile(dataDir);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreException("data directory " + dataDir + " is in use by another process");
            }
            return new StoreLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel, e);
            throw new StoreException("data directory " + dataDir + " is already open in this process", e);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StoreException("cannot lock data directory " + dataDir, e);
        } catch (StoreException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }

    /** Releases the lock. Idempotent. */
    public void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release the data-directory lock", e);
        }
    }
}
