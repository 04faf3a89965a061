package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RemotingConfigTest {

    @Test
    void serverDefaults() {
        RemotingServerConfig config = RemotingServerConfig.of(10911);

        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(10911);
        assertThat(config.ioThreads()).isZero();
        assertThat(config.maxFrameLength()).isEqualTo(16_777_216);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void invalidServerSettingsNameTheSetting() {
        assertThatThrownBy(() -> RemotingServerConfig.of(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> RemotingServerConfig.of(0).withIoThreads(-1)).hasMessageContaining("ioThreads");
        assertThatThrownBy(() -> RemotingServerConfig.of(0).withMaxFrameLength(3)).hasMessageContaining("maxFrameLength");
        assertThatThrownBy(() -> RemotingServerConfig.of(0).withIdleTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void clientDefaultsAndValidation() {
        RemotingClientConfig config = RemotingClientConfig.defaults();

        assertThat(config.ioThreads()).isBetween(1, 4);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.maxFrameLength()).isEqualTo(16_777_216);
        assertThatThrownBy(() -> config.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new RemotingClientConfig(-1, Duration.ofSeconds(1), 1024))
                .hasMessageContaining("ioThreads");
    }
}
