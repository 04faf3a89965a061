package dev.mq.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository this module sits in; tests run with the module directory as working directory. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root (the parent of this module). */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException("run from the mq-docs-tests module directory; no mvnw in " + root);
        }
        return root;
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        Path path = resolve(relative);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
