package dev.mq.store.internal;

import java.nio.file.Path;

/**
 * Every file-naming rule of the store, with its inverse. Offsets are written as 20 zero-padded
 * decimal digits so that a plain directory listing sorts numerically.
 */
public final class FileNames {

    /** Suffix of a file being written before it is renamed into place. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final int OFFSET_DIGITS = 20;

    private FileNames() {
    }

    /** The name of a file whose first byte (or entry) is at {@code offset}. */
    public static String offsetToName(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
        }
        String digits = Long.toString(offset);
        return "0".repeat(OFFSET_DIGITS - digits.length()) + digits;
    }

    /** The inverse of {@link #offsetToName(long)}; -1 when the name is not an offset name. */
    public static long nameToOffset(String name) {
        if (name.length() != OFFSET_DIGITS) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name);
    }

    /** The offset encoded in a path's file name; -1 when it is not an offset name. */
    public static long pathToOffset(Path path) {
        return nameToOffset(path.getFileName().toString());
    }

    public static Path commitLogDir(Path dataDir) {
        return dataDir.resolve("commitlog");
    }

    public static Path consumeQueueDir(Path dataDir) {
        return dataDir.resolve("consumequeue");
    }

    /** Directory of one queue's files: {@code consumequeue/<topic>/<queueId>}. */
    public static Path consumeQueueDir(Path dataDir, String topic, int queueId) {
        return consumeQueueDir(dataDir).resolve(topic).resolve(Integer.toString(queueId));
    }

    public static Path indexDir(Path dataDir) {
        return dataDir.resolve("index");
    }

    public static Path configDir(Path dataDir) {
        return dataDir.resolve("config");
    }

    public static Path checkpointFile(Path dataDir) {
        return dataDir.resolve("checkpoint");
    }

    /** Where each consume queue ended at the last graceful close ({@link QueueEnds}). */
    public static Path queueEndsFile(Path dataDir) {
        return dataDir.resolve("queue-ends.json");
    }

    /** Snapshot of every queue's ends as of a checkpoint; see {@link QueueEndsJournal}. */
    public static Path checkpointedEndsFile(Path dataDir) {
        return dataDir.resolve("queue-ends-checkpoint.json");
    }

    /** The changes of queue ends recorded at checkpoints since that snapshot. */
    public static Path checkpointedEndsJournal(Path dataDir) {
        return dataDir.resolve("queue-ends-checkpoint.journal");
    }

    public static Path abortFile(Path dataDir) {
        return dataDir.resolve("abort");
    }

    public static Path lockFile(Path dataDir) {
        return dataDir.resolve("lock");
    }
}
