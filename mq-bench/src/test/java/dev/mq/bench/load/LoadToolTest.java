package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LoadToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String command, String... args) {
        return LoadTool.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dispatchesOnlyItsOwnCommands() {
        assertThat(LoadTool.handles("produce")).isTrue();
        assertThat(LoadTool.handles("consume")).isTrue();
        assertThat(LoadTool.handles("e2e")).isTrue();
        assertThat(LoadTool.handles("ready")).isTrue();
        // JMH arguments go to JMH
        assertThat(LoadTool.handles("AppendBenchmark")).isFalse();
        assertThat(LoadTool.handles("-l")).isFalse();
    }

    @Test
    void helpPrintsTheOptions() {
        assertThat(run("produce", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--threads").contains("--json").contains("e2e");
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        assertThat(run("produce", "--threads", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --threads must be a whole number");
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnknownClientIsRefusedBeforeAnythingRuns() {
        assertThat(run("produce", "--client", "fastest")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --client must be official, ours or spring, got 'fastest'");
        assertThat(out.size()).isZero();
    }

    @Test
    void serverPidsMustNameLiveProcesses() {
        assertThat(run("consume", "--server-pids", Long.toString(Long.MAX_VALUE / 2))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --server-pids: cannot read the CPU time of process");
    }

    @Test
    void helpNamesTheClientsAndTheCpuFigures() {
        assertThat(run("consume", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--client ours|official").contains("--server-pids")
                .contains("cpuMicrosPerMessage");
    }

    @Test
    void readyGivesUpWhenNothingListens() {
        int port = freePort();
        assertThat(run("ready", "--broker", "127.0.0.1:" + port, "--namesrv", "127.0.0.1:" + port, "--timeout", "1s"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not ready within 1 s")
                .contains("does not accept connections");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
