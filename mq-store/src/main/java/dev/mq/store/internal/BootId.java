package dev.mq.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The identity of the running boot of the machine (Linux: {@code /proc/sys/kernel/random/boot_id},
 * new at every boot). A store writes it into its abort marker at open; a restart after a crash
 * that finds the same identity knows the machine did not go down, only the process: every write
 * the process made, flushed or not, is still in the page cache and so in the files. That is what
 * lets recovery trust the queue ends recorded at the last checkpoint (see {@code MessageStore}).
 */
public final class BootId {

    private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    /** This boot's identity, or empty where the system does not tell it. */
    public static Optional<String> current() {
        try {
            String id = Files.readString(LINUX, StandardCharsets.US_ASCII).trim();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
