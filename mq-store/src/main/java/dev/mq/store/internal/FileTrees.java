package dev.mq.store.internal;

import dev.mq.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting directory trees, for topic deletion. */
final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it; nothing happens if it does not exist. Files
     * still mapped by a reader are unlinked at once; their mapping stays valid until released.
     *
     * @throws StoreException if something cannot be deleted
     */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot delete " + root, e);
        }
    }
}
