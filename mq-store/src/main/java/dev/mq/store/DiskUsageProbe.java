package dev.mq.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reports how full the disk holding the store is; injected so retention can be tested. */
@FunctionalInterface
public interface DiskUsageProbe {

    /** Used fraction of the disk, 0.0 to 1.0. */
    double usedRatio();

    /** The real probe: the file store that holds {@code dir}. */
    static DiskUsageProbe of(Path dir) {
        return () -> {
            try {
                FileStore store = Files.getFileStore(dir);
                long total = store.getTotalSpace();
                return total <= 0 ? 0.0 : (double) (total - store.getUsableSpace()) / total;
            } catch (IOException e) {
                throw new StoreException("cannot read disk usage of " + dir, e);
            }
        };
    }
}
