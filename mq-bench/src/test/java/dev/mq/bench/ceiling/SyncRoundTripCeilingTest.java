package dev.mq.bench.ceiling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncRoundTripCeilingTest {

    private NullBroker broker;

    @BeforeEach
    void start() {
        broker = new NullBroker("127.0.0.1", 0, 0, 1024, 1_000).start("127.0.0.1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sendsAndReportsRateAndCpuOfTheWindow(boolean shared) throws Exception {
        SyncRoundTripCeiling.Options options = new SyncRoundTripCeiling.Options("127.0.0.1", broker.brokerPort(),
                shared, 3, 1024, Duration.ZERO, Duration.ofSeconds(1));
        String json = new SyncRoundTripCeiling(options).measure();
        long messages = Long.parseLong(field(json, "messages"));
        assertThat(messages).isPositive();
        assertThat(broker.sends()).as("every counted send reached the broker").isGreaterThanOrEqualTo(messages);
        assertThat(Double.parseDouble(field(json, "throughput"))).isPositive();
        assertThat(Double.parseDouble(field(json, "cpuMicrosPerMessage"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "shared"})
    void aBrokerThatRefusesTheSendFailsTheRun(String connection) {
        // the name server port answers SEND_MESSAGE_V2 with REQUEST_CODE_NOT_SUPPORTED
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SyncRoundTripCeiling.run(new String[] {"--broker", "127.0.0.1:" + broker.namesrvPort(),
                "--connection", connection, "--threads", "1", "--warmup", "1", "--duration", "1"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the send");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SyncRoundTripCeiling.parse(new String[] {"--threads", "4"}))
                .hasMessageContaining("--broker host:port is required");
        assertThatThrownBy(() -> SyncRoundTripCeiling.parse(new String[] {"--broker", "localhost"}))
                .hasMessageContaining("--broker must be host:port");
        assertThatThrownBy(() -> SyncRoundTripCeiling.parse(new String[] {"--broker", "h:1", "--connection", "many"}))
                .hasMessageContaining("--connection must be own or shared");
        assertThatThrownBy(() -> SyncRoundTripCeiling.parse(new String[] {"--broker", "h:1", "--threads", "0"}))
                .hasMessageContaining("--threads must be a whole number 1..10000");
        assertThat(SyncRoundTripCeiling.parse(new String[] {"--broker", "h:1", "--duration", "5s"}).duration())
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
