package dev.mq.apache.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM running an Apache main class through {@link ChildLauncher}, with its standard output
 * and error appended to one console log. It can be started again after it ended (a broker restart);
 * each start appends to the same log, and {@link #logTail} shows the current start's part only.
 *
 * <p>Every running child is also in a JVM-wide set that a shutdown hook kills, the safety net for
 * a harness that was never closed.
 */
final class ChildJvm {

    private static final System.Logger LOG = System.getLogger(ChildJvm.class.getName());

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private final String name;
    private final List<String> command;
    private final Path consoleLog;
    private Process process;
    private long logOffset;

    /**
     * @param name       what messages call the process, e.g. "broker broker-a"
     * @param command    the whole command line, java first
     * @param consoleLog where standard output and error go (appended)
     */
    ChildJvm(String name, List<String> command, Path consoleLog) {
        this.name = name;
        this.command = List.copyOf(command);
        this.consoleLog = consoleLog;
    }

    String name() {
        return name;
    }

    Path consoleLog() {
        return consoleLog;
    }

    /** Starts the process; it must not be running. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        installShutdownHook();
        try {
            Files.createDirectories(consoleLog.getParent());
            logOffset = Files.exists(consoleLog) ? Files.size(consoleLog) : 0;
            // standard input stays a pipe that nobody writes to: ChildLauncher halts when it ends
            process = new ProcessBuilder(command)
                    .directory(consoleLog.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
        RUNNING.add(process);
        process.onExit().thenAccept(RUNNING::remove);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run; the process must have ended. */
    synchronized int exitCode() {
        return process.exitValue();
    }

    /** Waits until the process ends or {@code timeout} passes; true if it has ended. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        return current == null || current.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Asks the process to end (SIGTERM on Unix: Apache's shutdown hooks run) and returns at once. */
    synchronized void requestStop() {
        if (process != null && process.isAlive()) {
            // not Process.destroy(): that also closes the child's standard input, and ChildLauncher
            // would halt the JVM at once instead of letting Apache shut down
            process.toHandle().destroy();
        }
    }

    /**
     * Asks the process to end and waits up to {@code timeout}; then kills it and waits for that.
     * Returns true if it ended within the timeout on its own.
     */
    boolean stop(Duration timeout) {
        requestStop();
        return awaitStopped(timeout);
    }

    /** After {@link #requestStop()}: waits up to {@code timeout}, then kills. True if it ended in time. */
    boolean awaitStopped(Duration timeout) {
        try {
            if (awaitExit(timeout)) {
                return true;
            }
            LOG.log(Level.WARNING, "{0} did not stop within {1} s; killing it", name, timeout.toSeconds());
            kill();
            return false;
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process (SIGKILL on Unix) and waits until it is gone. */
    void kill() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                current.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code maxLines} lines the current (or last) run wrote to the console log. */
    String logTail(int maxLines) {
        long offset;
        synchronized (this) {
            offset = logOffset;
        }
        try (RandomAccessFile file = new RandomAccessFile(consoleLog.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(offset, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (lines.isEmpty()) {
                return "(the console log " + consoleLog + " is empty)";
            }
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read the console log " + consoleLog + ": " + e + ")";
        }
    }

    private static synchronized void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::killAllRunning, "mq-apache-harness-shutdown"));
        hookInstalled = true;
    }

    /** Kills every child still running: the JVM is exiting and nobody closed the harness. */
    private static void killAllRunning() {
        List<Process> running = new ArrayList<>(RUNNING);
        running.forEach(Process::destroyForcibly);
        for (Process process : running) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
