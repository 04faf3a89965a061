package dev.mq.bench.load;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoadResult result = new LoadResult(Command.E2E, ClientKind.OURS, SendMode.SYNC, 4, 1024, "Bench\"Topic\\1", 12_345,
            2, Map.of("MQBrokerException(code 14)", 2L), 2.5, new LatencySummary(12_345, 1.25, 1.0, 2.0, 3.5, 7.25, 12.0),
            Map.of("sent", 12_347.0, "lost", 0.0, "cpuMicrosPerMessage", 12.5, "cpuCores", 0.75));

    @Test
    void jsonCarriesEveryFigureAndParses() {
        String text = ResultFormat.json(result);
        assertThat(text).doesNotContain("\n");

        JsonNode node = JSON.readTree(text);

        assertThat(node.get("command").asString()).isEqualTo("e2e");
        assertThat(node.get("client").asString()).isEqualTo("ours");
        assertThat(node.get("mode").asString()).isEqualTo("sync");
        assertThat(node.get("threads").asInt()).isEqualTo(4);
        assertThat(node.get("size").asInt()).isEqualTo(1024);
        assertThat(node.get("topic").asString()).isEqualTo("Bench\"Topic\\1");
        assertThat(node.get("messages").asLong()).isEqualTo(12_345);
        assertThat(node.get("errors").asLong()).isEqualTo(2);
        assertThat(node.get("seconds").asDouble()).isEqualTo(2.5);
        assertThat(node.get("throughput").asDouble()).isEqualTo(4938.0);
        assertThat(node.get("mibPerSecond").asDouble()).isEqualTo(4.822);
        JsonNode latency = node.get("latencyMs");
        assertThat(latency.get("count").asLong()).isEqualTo(12_345);
        assertThat(latency.get("mean").asDouble()).isEqualTo(1.25);
        assertThat(latency.get("p50").asDouble()).isEqualTo(1.0);
        assertThat(latency.get("p90").asDouble()).isEqualTo(2.0);
        assertThat(latency.get("p99").asDouble()).isEqualTo(3.5);
        assertThat(latency.get("p999").asDouble()).isEqualTo(7.25);
        assertThat(latency.get("max").asDouble()).isEqualTo(12.0);
        assertThat(node.get("errorKinds").get("MQBrokerException(code 14)").asLong()).isEqualTo(2);
        assertThat(node.get("sent").asDouble()).isEqualTo(12_347.0);
        assertThat(node.get("lost").asDouble()).isZero();
        assertThat(node.get("cpuMicrosPerMessage").asDouble()).isEqualTo(12.5);
        assertThat(node.get("cpuCores").asDouble()).isEqualTo(0.75);
    }

    @Test
    void jsonEscapesControlCharacters() {
        LoadResult odd = new LoadResult(Command.PRODUCE, ClientKind.OFFICIAL, SendMode.ASYNC, 1, 1, "t", 0, 1,
                Map.of("line\nbreak\u0001", 1L), 0, new LatencySummary(0, 0, 0, 0, 0, 0, 0), Map.of());
        JsonNode node = JSON.readTree(ResultFormat.json(odd));
        assertThat(node.get("errorKinds").get("line\nbreak\u0001").asLong()).isEqualTo(1);
        assertThat(node.get("throughput").asDouble()).isZero();
        assertThat(node.get("client").asString()).isEqualTo("official");
    }

    @Test
    void textShowsTheFiguresPeopleLookFor() {
        String text = ResultFormat.text(result);
        assertThat(text).contains("e2e sync, 4 threads, 1024-byte messages").contains("our client");
        assertThat(text).contains("12,345 in 2.5 s = 4,938 msg/s");
        assertThat(text).contains("p50 1.00  p99 3.50  p99.9 7.25  max 12.00");
        assertThat(text).contains("MQBrokerException(code 14)=2");
        assertThat(text).contains("sent      12,347").contains("cpuMicrosPerMessage 12.500");
    }

    @Test
    void progressLineShowsTheIntervalRateAndLatency() {
        String line = ResultFormat.progressLine(Command.PRODUCE,
                new LoadStats.Progress(10.04, 68_210, 6821.4, 3, new LatencySummary(10, 1, 1.12, 2, 3.95, 8.1, 20.3)));
        assertThat(line).contains("10.0 s").contains("68,210 msgs").contains("6,821 msg/s").contains("errors 3")
                .contains("p99 3.95").contains("max 20.30");
    }
}
