package dev.mq.apache.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The child-process mechanics on a tiny main class instead of Apache's: a stop lets the child's
 * shutdown hooks run, a kill does not, and a child whose parent is gone halts by itself.
 */
class ChildJvmTest {

    private static List<String> command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx32m", "-cp",
                System.getProperty("java.class.path"), ChildLauncher.class.getName(), BlockForever.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static ChildJvm started(String name) {
        Path log = WorkDirs.fresh("child-" + name).resolve("console.log");
        ChildJvm child = new ChildJvm("test child " + name, command("a", "b"), log);
        child.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log) && Files.readString(log).contains("started"));
        return child;
    }

    @Test
    void aStopLetsTheChildShutDownNormally() {
        ChildJvm child = started("stop");

        assertThat(child.stop(Duration.ofSeconds(20))).as("ended within the timeout").isTrue();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).as("SIGTERM's exit code").isEqualTo(143);
        assertThat(child.logTail(10)).contains("started with a b").contains("shutdown hook ran");
    }

    @Test
    void aKillEndsTheChildWithoutItsShutdownHooks() {
        ChildJvm child = started("kill");

        child.kill();

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).as("SIGKILL's exit code").isEqualTo(137);
        assertThat(child.logTail(10)).doesNotContain("shutdown hook ran");
    }

    @Test
    void aChildWhoseParentIsGoneHalts() throws Exception {
        // the end of standard input is what the child sees when the JVM that started it dies
        Path log = WorkDirs.fresh("child-orphan").resolve("console.log");
        Files.createDirectories(log.getParent());
        Process child = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("started"));

            child.getOutputStream().close();

            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("halted").isTrue();
            assertThat(child.exitValue()).isEqualTo(ChildLauncher.PARENT_GONE_EXIT_CODE);
            assertThat(Files.readString(log)).contains("is gone; halting").doesNotContain("shutdown hook ran");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void theLogTailShowsTheLastLinesOfTheCurrentRunOnly() throws Exception {
        Path log = WorkDirs.fresh("child-tail").resolve("console.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "line of an earlier run" + System.lineSeparator());
        ChildJvm child = new ChildJvm("test child tail", command("x"), log);
        child.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> child.logTail(5).contains("started with x"));
            assertThat(child.logTail(5)).doesNotContain("earlier run");
            assertThat(child.logTail(5).lines()).hasSize(1);
        } finally {
            child.kill();
        }
    }
}
