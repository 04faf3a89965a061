package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsParserTest {

    private final LoadOptionsParser parser = new LoadOptionsParser("run7");

    @Test
    void produceDefaults() {
        LoadOptions o = parser.parse(Command.PRODUCE);
        assertThat(o.command()).isEqualTo(Command.PRODUCE);
        assertThat(o.client()).as("existing scripts keep their meaning").isEqualTo(ClientKind.OFFICIAL);
        assertThat(o.serverPids()).isEmpty();
        assertThat(o.namesrv()).isEqualTo("127.0.0.1:9876");
        assertThat(o.topic()).isEqualTo("BenchTopic");
        assertThat(o.group()).isEqualTo("mq_bench_produce_run7");
        assertThat(o.size()).isEqualTo(1024);
        assertThat(o.threads()).isEqualTo(8);
        assertThat(o.mode()).isEqualTo(SendMode.SYNC);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.hasCount()).isFalse();
        assertThat(o.rate()).isZero();
        assertThat(o.warmup()).isZero();
        assertThat(o.reportInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.json()).isFalse();
    }

    @Test
    void aCountAloneBoundsAProduceRunWithoutATimeLimit() {
        LoadOptions o = parser.parse(Command.PRODUCE, "--count", "1_000_000");
        assertThat(o.count()).isEqualTo(1_000_000);
        assertThat(o.hasDuration()).isFalse();
    }

    @Test
    void everyOptionInBothSpellings() {
        LoadOptions o = parser.parse(Command.PRODUCE, "--namesrv", "10.0.0.1:9876;10.0.0.2:9876", "--topic=T1",
                "--group", "g1", "--size=2048", "--threads", "32", "--mode", "BATCH", "--batch-size", "8",
                "--inflight=16", "--duration", "90s", "--count", "5000", "--rate", "1500.5", "--warmup", "500ms",
                "--report-interval", "2s", "--idle-timeout=1m", "--json");
        assertThat(o.namesrv()).isEqualTo("10.0.0.1:9876;10.0.0.2:9876");
        assertThat(o.topic()).isEqualTo("T1");
        assertThat(o.group()).isEqualTo("g1");
        assertThat(o.size()).isEqualTo(2048);
        assertThat(o.threads()).isEqualTo(32);
        assertThat(o.mode()).isEqualTo(SendMode.BATCH);
        assertThat(o.batchSize()).isEqualTo(8);
        assertThat(o.inflight()).isEqualTo(16);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.count()).isEqualTo(5000);
        assertThat(o.rate()).isEqualTo(1500.5);
        assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.reportInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.json()).isTrue();
    }

    @Test
    void theClientIsChosenByName() {
        assertThat(parser.parse(Command.PRODUCE, "--client", "ours").client()).isEqualTo(ClientKind.OURS);
        assertThat(parser.parse(Command.CONSUME, "--client=official").client()).isEqualTo(ClientKind.OFFICIAL);
        assertThat(parser.parse(Command.E2E, "--client", "OURS").client()).isEqualTo(ClientKind.OURS);
    }

    @Test
    void serverPidsAreAListOfProcessIds() {
        assertThat(parser.parse(Command.PRODUCE, "--server-pids", "12,345").serverPids()).containsExactly(12L, 345L);
        // as a shell joins an array ("${PIDS[*]}")
        assertThat(parser.parse(Command.CONSUME, "--server-pids", "7 8").serverPids()).containsExactly(7L, 8L);
        assertThat(parser.parse(Command.CONSUME, "--server-pids", "").serverPids()).isEqualTo(List.of());
    }

    @Test
    void onewaySendsNeedARate() {
        LoadOptions o = parser.parse(Command.PRODUCE, "--mode", "oneway", "--rate", "500");
        assertThat(o.mode()).isEqualTo(SendMode.ONEWAY);
        assertError(Command.PRODUCE, "--rate must be positive for --mode oneway", "--mode", "oneway");
    }

    @Test
    void commandSpecificDefaults() {
        LoadOptions consume = parser.parse(Command.CONSUME);
        assertThat(consume.threads()).isEqualTo(20);
        assertThat(consume.hasDuration()).isFalse();
        assertThat(consume.fromFirst()).isTrue();
        assertThat(parser.parse(Command.CONSUME, "--from-last").fromFirst()).isFalse();

        LoadOptions e2e = parser.parse(Command.E2E);
        assertThat(e2e.rate()).isEqualTo(1000);
        assertThat(e2e.threads()).isEqualTo(4);
        assertThat(e2e.duration()).isEqualTo(Duration.ofSeconds(60));

        LoadOptions ready = parser.parse(Command.READY, "--broker", "127.0.0.1:10911", "--timeout", "2m");
        assertThat(ready.topic()).isEqualTo("TBW102");
        assertThat(ready.broker()).isEqualTo("127.0.0.1:10911");
        assertThat(ready.duration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void springReceiverOptions() {
        LoadOptions plain = parser.parse(Command.CONSUME, "--client", "spring");
        assertThat(plain.client()).isEqualTo(ClientKind.SPRING);
        assertThat(plain.spring()).isEqualTo(SpringReceiverOptions.defaults());
        LoadOptions redis = parser.parse(Command.CONSUME, "--client", "spring", "--idempotency", "redis",
                "--redis-host", "localhost", "--redis-port", "6380");
        assertThat(redis.spring().idempotency()).isEqualTo(ListenerIdempotency.REDIS);
        assertThat(redis.spring().redisHost()).isEqualTo("localhost");
        assertThat(redis.spring().redisPort()).isEqualTo(6380);
        LoadOptions jdbc = parser.parse(Command.CONSUME, "--client", "spring", "--idempotency=JDBC",
                "--jdbc-url", "jdbc:postgresql://db/x", "--jdbc-user", "u", "--jdbc-password", "p");
        assertThat(jdbc.spring()).isEqualTo(new SpringReceiverOptions(ListenerIdempotency.JDBC,
                "jdbc:postgresql://db/x", "u", "p", SpringReceiverOptions.DEFAULT_REDIS_HOST,
                SpringReceiverOptions.DEFAULT_REDIS_PORT));

        assertError(Command.PRODUCE, "--client spring has only a consume side", "--client", "spring");
        assertError(Command.E2E, "--client spring has only a consume side", "--client", "spring");
        assertError(Command.CONSUME, "--idempotency is an option of --client spring", "--idempotency", "memory");
        assertError(Command.CONSUME, "--idempotency must be none, memory, jdbc, redis or floor, got 'disk'",
                "--client", "spring", "--idempotency", "disk");
        assertError(Command.CONSUME, "--jdbc-url must be a JDBC URL", "--client", "spring", "--jdbc-url", "postgres://x");
        assertError(Command.CONSUME, "--redis-port must be between 1 and 65535", "--client", "spring", "--redis-port", "0");
    }

    @Test
    void durationUnits() {
        assertThat(LoadOptionsParser.parseDuration("d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(LoadOptionsParser.parseDuration("d", "7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(LoadOptionsParser.parseDuration("d", "3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(LoadOptionsParser.parseDuration("d", "1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> LoadOptionsParser.parseDuration("warmup", "5 sec"))
                .isInstanceOf(LoadOptionsException.class).hasMessageContaining("--warmup");
    }

    @Test
    void badInputIsRejectedNamingTheOption() {
        assertError(Command.PRODUCE, "unknown option --speed", "--speed", "3");
        assertError(Command.PRODUCE, "--threads needs a value", "--threads");
        assertError(Command.PRODUCE, "--threads must be a whole number", "--threads", "many");
        assertError(Command.PRODUCE, "--threads must be between 1 and 1024", "--threads", "0");
        assertError(Command.PRODUCE, "--size must be between", "--size", "0");
        assertError(Command.PRODUCE, "--mode must be sync, async, batch or oneway", "--mode", "fast");
        assertError(Command.PRODUCE, "--client must be official, ours or spring, got 'apache'", "--client", "apache");
        assertError(Command.CONSUME, "--client needs a value", "--client");
        assertError(Command.PRODUCE, "--client is given twice", "--client", "ours", "--client", "official");
        assertError(Command.PRODUCE, "--server-pids must be process ids separated by commas, got '12,x'",
                "--server-pids", "12,x");
        assertError(Command.PRODUCE, "--server-pids must be process ids (1 or more)", "--server-pids", "0");
        assertError(Command.PRODUCE, "--duration must be a duration", "--duration", "-1s");
        assertError(Command.PRODUCE, "--count must not be negative", "--count", "-5");
        assertError(Command.PRODUCE, "--rate must be zero (unlimited) or positive", "--rate", "-1");
        assertError(Command.PRODUCE, "--rate must be a number", "--rate", "lots");
        assertError(Command.PRODUCE, "--topic is given twice", "--topic", "a", "--topic", "b");
        assertError(Command.PRODUCE, "--json takes no value", "--json=yes");
        assertError(Command.PRODUCE, "unexpected argument 'extra'", "extra");
        assertError(Command.PRODUCE, "--timeout is an option of ready only", "--timeout", "5s");
        assertError(Command.PRODUCE, "--report-interval must be positive", "--report-interval", "0s");
        assertError(Command.E2E, "at least 16 bytes for e2e", "--size", "8");
        assertError(Command.E2E, "--rate must be positive for e2e", "--rate", "0");
        assertError(Command.READY, "--broker must not be empty");
        assertError(Command.READY, "--broker must be host:port", "--broker", "localhost");
    }

    private void assertError(Command command, String message, String... args) {
        assertThatThrownBy(() -> parser.parse(command, args))
                .isInstanceOf(LoadOptionsException.class)
                .hasMessageContaining(message);
    }
}
