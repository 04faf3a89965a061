package dev.mq.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of whole processes, every thread included (JIT compiler and garbage collector too), as
 * the kernel counts it in {@code /proc/<pid>/stat}: user plus system time, in clock ticks of
 * 1/100 s. Other systems: this process only, from the JVM.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ: 100 on every common Linux architecture). */
    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final Path SELF = Path.of("/proc/self/stat");

    private ProcessCpu() {
    }

    /** CPU time of this process so far, in nanoseconds. */
    public static long selfNanos() {
        long fromProc = nanos(SELF);
        if (fromProc >= 0) {
            return fromProc;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of process {@code pid} so far, in nanoseconds; -1 when it cannot be read (gone, or no /proc). */
    static long nanos(long pid) {
        return nanos(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The CPU time of the processes together; -1 when any of them cannot be read. */
    static long nanos(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long nanos = nanos(pid);
            if (nanos < 0) {
                return -1;
            }
            total += nanos;
        }
        return total;
    }

    private static long nanos(Path statFile) {
        try {
            return ticks(Files.readString(statFile)) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code stat} line. The command name (field 2) is in
     * parentheses and may itself hold spaces and parentheses, so fields are counted after the last ')'.
     */
    static long ticks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc stat line: " + stat);
        }
        // field 3 (state) is the first after the name: field n is at index n - 3
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }
}
