package dev.mq.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings stop start-up with a message that names the property. */
class StartupValidationTest {

    @TempDir
    Path dir;

    private void start(String... properties) {
        MqServerApplication.builder()
                .properties("mq.server.data-dir=" + dir, "mq.namesrv.port=0", "mq.broker.port=0",
                        "mq.broker.advertised-address=127.0.0.1")
                .properties(properties)
                .run().close();
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertThatThrownBy(() -> start("mq.broker.port=70000")).hasStackTraceContaining("mq.broker.port");
    }

    @Test
    void aBadDurationIsNamed() {
        assertThatThrownBy(() -> start("mq.broker.register-interval=soon"))
                .hasStackTraceContaining("mq.broker.register-interval");
    }

    @Test
    void aSegmentSmallerThanTheLargestMessageIsNamed() {
        assertThatThrownBy(() -> start("mq.store.segment-size=1MB"))
                .hasStackTraceContaining("mq.store.segment-size");
    }

    @Test
    void aNegativeHotWindowIsNamed() {
        assertThatThrownBy(() -> start("mq.store.hot-window=-1MB")).hasStackTraceContaining("mq.store.hot-window");
    }

    @Test
    void anUnknownFlushModeIsNamed() {
        assertThatThrownBy(() -> start("mq.store.flush=sometimes")).hasStackTraceContaining("mq.store.flush");
    }

    @Test
    void aBrokerAloneNeedsANameServerAddress() {
        assertThatThrownBy(() -> start("mq.server.roles=broker")).hasStackTraceContaining("mq.broker.namesrv-addr");
    }

    @Test
    void oneProcessCannotServeTheNameServerAndTheBrokerOnOnePort() {
        assertThatThrownBy(() -> start("mq.namesrv.port=19876", "mq.broker.port=19876"))
                .hasStackTraceContaining("mq.broker.port must differ from mq.namesrv.port");
    }

    @Test
    void aZeroDelayLevelIsNamed() {
        assertThatThrownBy(() -> start("mq.broker.delay-levels=1s,0s")).hasStackTraceContaining("mq.broker.delay-levels");
    }

    @Test
    void aNonPositiveTimerMaxDelayIsNamed() {
        assertThatThrownBy(() -> start("mq.broker.timer.max-delay=0s"))
                .hasStackTraceContaining("mq.broker.timer.max-delay");
    }
}
