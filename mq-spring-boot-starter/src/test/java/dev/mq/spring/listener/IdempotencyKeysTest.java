package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeysTest {

    private static ReceivedMessage message(List<String> keys, Map<String, String> properties) {
        return new ReceivedMessage("ID-1", "OFFSET-1", "Orders", "created", keys, properties, Map.of(), new byte[0],
                0, 0, 0, Instant.EPOCH, Instant.EPOCH, 0);
    }

    @Test
    void byDefaultTheFirstKeyElseTheMessageId() {
        IdempotencyKeys keys = IdempotencyKeys.of("", "listener x");
        assertThat(keys.keyOf(message(List.of("order-1", "customer-2"), Map.of()))).isEqualTo("order-1");
        assertThat(keys.keyOf(message(List.of(), Map.of()))).isEqualTo("ID-1");
    }

    @Test
    void anExpressionReadsTheMessagesParts() {
        ReceivedMessage message = message(List.of("order-1", "customer-2"), Map.of("orderId", "o-9"));
        assertThat(IdempotencyKeys.of("properties['orderId']", "x").keyOf(message)).isEqualTo("o-9");
        assertThat(IdempotencyKeys.of("keys[1]", "x").keyOf(message)).isEqualTo("customer-2");
        assertThat(IdempotencyKeys.of("id", "x").keyOf(message)).isEqualTo("ID-1");
        assertThat(IdempotencyKeys.of("topic + ':' + tags", "x").keyOf(message)).isEqualTo("Orders:created");
    }

    @Test
    void anExpressionWithoutAResultFailsTheMessageNamingTheListener() {
        assertThatThrownBy(() -> IdempotencyKeys.of("properties['missing']", "listener x")
                .keyOf(message(List.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener x").hasMessageContaining("gave no key for message ID-1");
    }
}
