package dev.mq.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessCpuTest {

    @Test
    void userPlusSystemTicksAreCountedAfterTheCommandName() {
        // fields 14 (utime) = 1234 and 15 (stime) = 56; the name holds spaces and a ')'
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 7 8 20 0 30 0 500 1000 200";
        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1290);
        assertThatThrownBy(() -> ProcessCpu.ticks("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aProcessCpuTimeIsReadByPidAndAGoneProcessIsNot() {
        long self = ProcessCpu.selfNanos();
        assertThat(self).as("this JVM has run code").isPositive();
        assertThat(ProcessCpu.nanos(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(self);
        assertThat(ProcessCpu.nanos(Long.MAX_VALUE / 2)).isEqualTo(-1);
        assertThat(ProcessCpu.nanos(List.of(ProcessHandle.current().pid(), Long.MAX_VALUE / 2))).isEqualTo(-1);
        assertThat(ProcessCpu.nanos(List.of(ProcessHandle.current().pid(), ProcessHandle.current().pid())))
                .isGreaterThanOrEqualTo(2 * self);
    }

    @Test
    void aWindowThatNeverBeganHasNoFigures() {
        assertThat(new CpuWindow(List.of()).end(100)).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aWindowGivesCpuPerMessageOfThisProcessAndOfTheServerPids() {
        CpuWindow window = new CpuWindow(List.of(ProcessHandle.current().pid()));
        window.begin(1_000);
        Map<String, Double> figures = window.end(3_000);
        assertThat(figures).containsOnlyKeys("cpuMicrosPerMessage", "cpuCores", "serverCpuMicrosPerMessage",
                "serverCpuCores");
        assertThat(figures.values()).allSatisfy(v -> assertThat(v).isNotNaN().isGreaterThanOrEqualTo(0.0));

        CpuWindow noMessages = new CpuWindow(List.of());
        noMessages.begin(5);
        assertThat(noMessages.end(5)).containsOnlyKeys("cpuMicrosPerMessage", "cpuCores")
                .hasEntrySatisfying("cpuMicrosPerMessage", v -> assertThat(v).isNaN());
    }
}
