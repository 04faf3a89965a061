package dev.mq.server.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionPropertiesTest {

    @Test
    void theDefaultsAreRocketMqs() {
        TransactionProperties defaults = TransactionProperties.defaults();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(defaults.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxChecks()).isEqualTo(15);
    }

    @Test
    void invalidValuesNameTheirProperty() {
        assertThatThrownBy(() -> new TransactionProperties(Duration.ZERO, Duration.ofSeconds(30), 15))
                .hasMessageContaining("mq.broker.transaction.timeout");
        assertThatThrownBy(() -> new TransactionProperties(Duration.ofSeconds(6), Duration.ofSeconds(-1), 15))
                .hasMessageContaining("mq.broker.transaction.check-interval");
        assertThatThrownBy(() -> new TransactionProperties(Duration.ofSeconds(6), Duration.ofSeconds(30), 0))
                .hasMessageContaining("mq.broker.transaction.max-checks");
    }

    @Test
    void aBrokerWithoutTransactionSettingsGetsTheDefaults() {
        BrokerProperties broker = new BrokerProperties(10911, "", "broker-a", "DefaultCluster", "", true, 8,
                Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(60),
                java.util.List.of(Duration.ofSeconds(1)), null, null);
        assertThat(broker.transaction()).isEqualTo(TransactionProperties.defaults());
    }
}
