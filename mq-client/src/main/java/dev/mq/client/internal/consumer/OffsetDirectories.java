package dev.mq.client.internal.consumer;

import java.nio.file.Path;

/**
 * Where broadcasting consumers keep their offset files unless told otherwise:
 * {@code <user home>/.mq/offsets/<clientId>/}. Reading the user's home directory is the one place
 * the client reads a system property: it is where the process runs, not a setting (every setting
 * comes through a builder).
 */
public final class OffsetDirectories {

    private OffsetDirectories() {
    }

    /** {@code ~/.mq/offsets/<clientId>} (the client id's characters unsafe in file names replaced by '_'). */
    public static Path defaultFor(String clientId) {
        return Path.of(System.getProperty("user.home"), ".mq", "offsets", clientId.replaceAll("[^A-Za-z0-9@#._-]", "_"));
    }
}
