package dev.mq.apache.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Work directories for the tests: under {@code target/apache-rocketmq/} (system property
 * {@code mq.apache.work-dir}), emptied at the start of a test and kept afterwards, so that the logs
 * of a failed run can be read.
 */
final class WorkDirs {

    private WorkDirs() {
    }

    static Path fresh(String name) {
        Path dir = Path.of(System.getProperty("mq.apache.work-dir", "target/apache-rocketmq")).resolve(name)
                .toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** Whether a process of this machine has {@code dir} in its command line (a child we started there). */
    static boolean anyProcessUses(Path dir) {
        String marker = dir.toString();
        return ProcessHandle.allProcesses().anyMatch(process -> process.isAlive()
                && process.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false));
    }
}
