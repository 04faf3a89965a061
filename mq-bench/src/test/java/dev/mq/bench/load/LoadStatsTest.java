package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadStatsTest {

    private static final long SECOND = 1_000_000_000L;
    private final LoadOptions options = new LoadOptionsParser("t").parse(Command.PRODUCE, "--threads", "3", "--size", "512");

    @Test
    void percentilesThroughputAndCountsOfARun() {
        LoadStats stats = new LoadStats(0);
        for (int ms = 1; ms <= 1000; ms++) {
            stats.success(1, ms * 1_000_000L); // latencies 1..1000 ms
        }
        stats.error(2, "MQBrokerException(code 14)");
        stats.error(1, "RemotingTimeoutException");

        LoadResult r = stats.result(options, 4 * SECOND, Map.of());

        assertThat(r.messages()).isEqualTo(1000);
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.errorKinds()).containsEntry("MQBrokerException(code 14)", 2L).containsEntry("RemotingTimeoutException", 1L);
        assertThat(r.seconds()).isEqualTo(4.0);
        assertThat(r.throughput()).isEqualTo(250.0);
        assertThat(r.mebibytesPerSecond()).isCloseTo(250.0 * 512 / 1048576, within(1e-9));
        assertThat(r.threads()).isEqualTo(3);
        LatencySummary l = r.latency();
        assertThat(l.count()).isEqualTo(1000);
        // HdrHistogram with 3 significant digits: within 0.1 %
        assertThat(l.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(l.p90Ms()).isCloseTo(900, within(0.9));
        assertThat(l.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(l.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(l.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(l.meanMs()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void aBatchCountsAllItsMessagesButOneLatency() {
        LoadStats stats = new LoadStats(0);
        stats.success(16, 2_000_000);
        LoadResult r = stats.result(options, SECOND, Map.of());
        assertThat(r.messages()).isEqualTo(16);
        assertThat(r.latency().count()).isEqualTo(1);
    }

    @Test
    void restartForgetsTheWarmUp() {
        LoadStats stats = new LoadStats(0);
        stats.success(100, 50_000_000);
        stats.error(5, "X");
        stats.restart(10 * SECOND);
        stats.success(1, 1_000_000);

        LoadResult r = stats.result(options, 12 * SECOND, Map.of("extra", 1.5));

        assertThat(r.messages()).isEqualTo(1);
        assertThat(r.errors()).isZero();
        assertThat(r.errorKinds()).isEmpty();
        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.latency().maxMs()).isCloseTo(1.0, within(0.01));
        assertThat(r.extra()).containsEntry("extra", 1.5);
    }

    @Test
    void progressReportsTheIntervalSinceTheLastSample() {
        LoadStats stats = new LoadStats(0);
        stats.success(100, 10_000_000);
        LoadStats.Progress first = stats.progress(2 * SECOND);
        stats.success(300, 1_000_000);
        LoadStats.Progress second = stats.progress(3 * SECOND);

        assertThat(first.intervalRate()).isEqualTo(50.0);
        assertThat(first.intervalLatency().p50Ms()).isCloseTo(10, within(0.01));
        assertThat(second.messages()).isEqualTo(400);
        assertThat(second.intervalRate()).isEqualTo(300.0);
        assertThat(second.elapsedSeconds()).isEqualTo(3.0);
        assertThat(second.intervalLatency().count()).isEqualTo(1);
        assertThat(second.intervalLatency().maxMs()).isCloseTo(1, within(0.01));
        // the total still holds both intervals
        assertThat(stats.result(options, 4 * SECOND, Map.of()).latency().count()).isEqualTo(2);
    }

    @Test
    void errorKindsAreBounded() {
        LoadStats stats = new LoadStats(0);
        for (int i = 0; i < 100; i++) {
            stats.error(1, "kind-" + i);
        }
        LoadResult r = stats.result(options, SECOND, Map.of());
        assertThat(r.errors()).isEqualTo(100);
        assertThat(r.errorKinds()).hasSizeLessThanOrEqualTo(33).containsKey("(other)");
        assertThat(r.errorKinds().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    }

    @Test
    void anEmptyRunHasNoLatencyAndNoThroughput() {
        LoadResult r = new LoadStats(5).result(options, 5, Map.of());
        assertThat(r.messages()).isZero();
        assertThat(r.throughput()).isZero();
        assertThat(r.latency().count()).isZero();
    }
}
