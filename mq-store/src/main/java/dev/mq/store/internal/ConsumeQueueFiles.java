package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The on-disk layout of consume-queue files and the whole-file scans that opening, recovery and
 * retention make over them. An entry is, big-endian: commit-log offset (8), size (4), tag hash
 * (8); size 0 marks an entry never written.
 */
final class ConsumeQueueFiles {

    /** Bytes per entry. */
    static final int ENTRY_SIZE = 20;
    static final int SIZE_FIELD = 8;
    static final int TAG_FIELD = 12;
    static final MappedFile[] NO_FILES = new MappedFile[0];

    private ConsumeQueueFiles() {
    }

    /**
     * Maps the queue files found in {@code dir}, sorted by start offset.
     *
     * @throws StoreException if the directory cannot be listed, a file cannot be mapped or does
     *                        not start at a multiple of {@code fileSize}
     */
    static MappedFile[] openExisting(Path dir, int fileSize) {
        if (!Files.isDirectory(dir)) {
            return NO_FILES;
        }
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(path -> FileNames.pathToOffset(path) >= 0 && Files.isRegularFile(path))
                    .sorted(Comparator.comparingLong(FileNames::pathToOffset))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list " + dir, e);
        }
        MappedFile[] opened = new MappedFile[paths.size()];
        try {
            for (int i = 0; i < opened.length; i++) {
                Path path = paths.get(i);
                long start = FileNames.pathToOffset(path);
                if (start % fileSize != 0) {
                    throw new StoreException("consume-queue file " + path + " does not start at a multiple of "
                            + fileSize + " bytes; was the queue written with another consume-queue-entries-per-file?");
                }
                opened[i] = MappedFile.openWithoutDescriptor(path, start, fileSize);
            }
        } catch (RuntimeException e) {
            throw closeAll(opened, e, false);
        }
        return opened;
    }

    /**
     * Number of leading entries of {@code file} up to and including the last acceptable one: size
     * set, commit-log offset not below its predecessor's. Stops at the first unacceptable entry.
     */
    static int acceptedEntries(MappedFile file, int entriesPerFile, long previousCommitLogOffset) {
        ByteBuffer mapping = file.mapping();
        long previous = previousCommitLogOffset;
        int accepted = 0;
        for (int i = 0; i < entriesPerFile; i++) {
            int position = i * ENTRY_SIZE;
            int size = mapping.getInt(position + SIZE_FIELD);
            if (size == 0) {
                continue;
            }
            long commitLogOffset = mapping.getLong(position);
            if (size < 0 || commitLogOffset < 0 || commitLogOffset < previous) {
                break;
            }
            previous = commitLogOffset;
            accepted = i + 1;
        }
        return accepted;
    }

    /** Commit-log offset of the last entry of a file that is not written to; MIN_VALUE if none. */
    static long lastCommitLogOffset(MappedFile file, int entriesPerFile) {
        int position = lastEntryPosition(file, entriesPerFile);
        return position < 0 ? Long.MIN_VALUE : file.mapping().getLong(position);
    }

    /** Commit-log end of the last entry of a file that is not written to; MIN_VALUE if none. */
    static long lastCommitLogEnd(MappedFile file, int entriesPerFile) {
        int position = lastEntryPosition(file, entriesPerFile);
        if (position < 0) {
            return Long.MIN_VALUE;
        }
        ByteBuffer mapping = file.mapping();
        return mapping.getLong(position) + mapping.getInt(position + SIZE_FIELD);
    }

    private static int lastEntryPosition(MappedFile file, int entriesPerFile) {
        ByteBuffer mapping = file.mapping();
        for (int i = entriesPerFile - 1; i >= 0; i--) {
            int position = i * ENTRY_SIZE;
            if (mapping.getInt(position + SIZE_FIELD) != 0) {
                return position;
            }
        }
        return -1;
    }

    /** The queue offset of the first entry of {@code file}, a queue file. */
    static long firstEntry(MappedFile file) {
        return file.startOffset() / ENTRY_SIZE;
    }

    /**
     * Index in {@code files} (sorted by start) of the file holding entry {@code queueOffset}, or
     * {@code -(insertion point) - 1} if none does.
     */
    static int indexOf(MappedFile[] files, int entriesPerFile, long queueOffset) {
        int lo = 0;
        int hi = files.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long first = firstEntry(files[mid]);
            if (queueOffset < first) {
                hi = mid - 1;
            } else if (queueOffset >= first + entriesPerFile) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** Zeroes the entries whose bytes lie in {@code [from, to)} of the file, touching only non-zero ones. */
    static void zeroEntries(MappedFile file, int from, int to) {
        ByteBuffer mapping = file.mapping();
        for (int position = from; position < to; position += ENTRY_SIZE) {
            if (mapping.getLong(position) != 0 || mapping.getInt(position + SIZE_FIELD) != 0
                    || mapping.getLong(position + TAG_FIELD) != 0) {
                mapping.putInt(position + SIZE_FIELD, 0);
                mapping.putLong(position, 0);
                mapping.putLong(position + TAG_FIELD, 0);
            }
        }
    }

    /**
     * Closes (or destroys) every non-null file, collecting failures onto {@code failure} (or a new
     * one). Returns what was collected, null if all went well.
     */
    static RuntimeException closeAll(MappedFile[] toClose, RuntimeException failure, boolean destroy) {
        RuntimeException collected = failure;
        for (MappedFile file : toClose) {
            if (file == null) {
                continue;
            }
            try {
                if (destroy) {
                    file.destroy();
                } else {
                    file.close();
                }
            } catch (RuntimeException e) {
                if (collected == null) {
                    collected = e;
                } else {
                    collected.addSuppressed(e);
                }
            }
        }
        return collected;
    }

    static void throwIfFailed(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }
}
