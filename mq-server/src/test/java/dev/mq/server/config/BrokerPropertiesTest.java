package dev.mq.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerPropertiesTest {

    private static BrokerProperties withLevels(List<Duration> levels) {
        return new BrokerProperties(10911, "", "broker-a", "DefaultCluster", "", true, 8, Duration.ofSeconds(30),
                Duration.ofSeconds(120), Duration.ofSeconds(60), levels, null, null);
    }

    @Test
    void delayLevelsAreKept() {
        assertThat(withLevels(List.of(Duration.ofSeconds(1), Duration.ofMinutes(2))).delayLevels())
                .containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    @Test
    void theTimerMaxDelayDefaultsToThreeDaysAndMustBePositive() {
        assertThat(withLevels(List.of(Duration.ofSeconds(1))).timer().maxDelay()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> new TimerProperties(Duration.ZERO)).hasMessageContaining("mq.broker.timer.max-delay");
    }

    @Test
    void delayLevelsMustNotBeEmpty() {
        assertThatThrownBy(() -> withLevels(List.of())).hasMessageContaining("mq.broker.delay-levels");
    }

    @Test
    void everyDelayLevelMustBePositive() {
        assertThatThrownBy(() -> withLevels(List.of(Duration.ofSeconds(1), Duration.ofSeconds(-1))))
                .hasMessageContaining("mq.broker.delay-levels[1]").hasMessageContaining("level 2");
    }
}
