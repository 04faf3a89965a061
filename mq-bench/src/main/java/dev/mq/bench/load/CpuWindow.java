package dev.mq.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU a load cost over its measured window: process CPU time ({@link ProcessCpu}) of the load
 * tool and, with {@code --server-pids}, of the server, each read together with the number of
 * messages counted so far, once when the measurement has started (after the clients' start and
 * the warm-up) and once when it ends (before the clients shut down). So the CPU and the messages
 * belong to the same stretch of time. Used by one thread, the load's main thread.
 */
final class CpuWindow {

    private final List<Long> serverPids;
    private Reading start;

    /** A reading: when, how many messages, the CPU of this process and of the server (-1: not read). */
    record Reading(long nanoTime, long messages, long selfCpuNanos, long serverCpuNanos) {
    }

    CpuWindow(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
    }

    /** Whether {@link #begin} was called. */
    boolean begun() {
        return start != null;
    }

    /** Starts the window now, {@code messages} having been counted so far. */
    void begin(long messages) {
        start = read(messages);
    }

    /**
     * Ends the window now, {@code messages} having been counted so far: the figures to add to the
     * result. {@code cpuMicrosPerMessage} and {@code cpuCores} of this process (always),
     * {@code serverCpuMicrosPerMessage} and {@code serverCpuCores} with {@code --server-pids}; none
     * when the window never began (nothing was measured).
     */
    Map<String, Double> end(long messages) {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (start == null) {
            return figures;
        }
        Reading end = read(messages);
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        long counted = end.messages() - start.messages();
        if (start.selfCpuNanos() >= 0 && end.selfCpuNanos() >= 0) {
            put(figures, "cpu", end.selfCpuNanos() - start.selfCpuNanos(), counted, seconds);
        }
        if (!serverPids.isEmpty() && start.serverCpuNanos() >= 0 && end.serverCpuNanos() >= 0) {
            put(figures, "serverCpu", end.serverCpuNanos() - start.serverCpuNanos(), counted, seconds);
        }
        return figures;
    }

    private static void put(Map<String, Double> figures, String prefix, long cpuNanos, long messages, double seconds) {
        figures.put(prefix + "MicrosPerMessage", messages > 0 ? cpuNanos / 1e3 / messages : Double.NaN);
        figures.put(prefix + "Cores", seconds > 0 ? cpuNanos / 1e9 / seconds : Double.NaN);
    }

    private Reading read(long messages) {
        long now = System.nanoTime();
        long self = ProcessCpu.selfNanos();
        long server = serverPids.isEmpty() ? -1 : ProcessCpu.nanos(serverPids);
        return new Reading(now, messages, self, server);
    }
}
