package dev.mq.client;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages are validated when built, and carry exactly the properties the wire format expects. */
class MessageTest {

    private static Map<String, String> wireProperties(Message message) {
        return MessageProperties.parse(message.outgoing().properties());
    }

    @Test
    void aMessageCarriesItsPartsAsTheOfficialClientWritesThem() {
        Message message = Message.builder("Orders").tags("created").keys("order-42", "customer-7")
                .property("region", "eu").body("{}").build();

        assertThat(message.topic()).isEqualTo("Orders");
        assertThat(message.keys()).containsExactly("order-42", "customer-7");
        assertThat(message.properties()).containsExactly(Map.entry("region", "eu"));
        assertThat(wireProperties(message)).containsExactly(Map.entry(PropertyNames.TAGS, "created"),
                Map.entry(PropertyNames.KEYS, "order-42 customer-7"), Map.entry(PropertyNames.WAIT_STORE, "true"),
                Map.entry("region", "eu"));
        assertThat(message.outgoing().delayed()).isFalse();
        assertThat(message.outgoing().shardingKey()).isNull();
    }

    @Test
    void eachDelayFormHasItsProperty() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(wireProperties(Message.builder("T").delayLevel(3).body("x").build()))
                .containsEntry(PropertyNames.DELAY, "3");
        assertThat(wireProperties(Message.builder("T").delay(Duration.ofMillis(1500)).body("x").build()))
                .containsEntry(PropertyNames.TIMER_DELAY_MS, "1500");
        assertThat(wireProperties(Message.builder("T").deliverAt(at).body("x").build()))
                .containsEntry(PropertyNames.TIMER_DELIVER_MS, Long.toString(at.toEpochMilli()));
        assertThat(Message.builder("T").delayLevel(1).body("x").build().outgoing().delayed()).isTrue();
    }

    @Test
    void aShardingKeyTravelsAsAPropertyAndRoutesTheSend() {
        Message message = Message.builder("T").shardingKey("order-1").body("x").build();
        assertThat(wireProperties(message)).containsEntry(PropertyNames.SHARDING_KEY, "order-1");
        assertThat(message.outgoing().shardingKey()).isEqualTo("order-1");
    }

    @Test
    void badTopicsAreRefused() {
        assertThatThrownBy(() -> Message.builder(null).body("x").build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Message.builder("a topic").body("x").build()).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> Message.builder("T".repeat(128)).body("x").build()).hasMessageContaining("longer");
        assertThatThrownBy(() -> Message.builder("TBW102").body("x").build()).hasMessageContaining("system topic");
        assertThatThrownBy(() -> Message.builder("RMQ_SYS_TRANS_HALF_TOPIC").body("x").build())
                .hasMessageContaining("system topic");
    }

    @Test
    void bodiesMustBePresentNotEmptyAndAtMostFourMebibytes() {
        assertThatThrownBy(() -> Message.builder("T").build()).isInstanceOf(MqClientException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> Message.builder("T").body(new byte[0]).build()).hasMessageContaining("empty");
        assertThatThrownBy(() -> Message.builder("T").body(new byte[Message.MAX_BODY_BYTES + 1]).build())
                .hasMessageContaining("4194305 bytes");
        assertThat(Message.builder("T").body(new byte[Message.MAX_BODY_BYTES]).build().body())
                .hasSize(Message.MAX_BODY_BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEYS", "TAGS", "UNIQ_KEY", "DELAY", "WAIT", "__SHARDINGKEY", "TRAN_MSG", "PGROUP",
            "TIMER_DELIVER_MS", "REAL_TOPIC", "RETRY_TOPIC"})
    void systemPropertyNamesAreRefusedAsUserProperties(String name) {
        assertThatThrownBy(() -> Message.builder("T").property(name, "v").body("x").build())
                .isInstanceOf(MqClientException.class).hasMessageContaining("'" + name + "' is a system property");
    }

    @Test
    void textThatTheWireFormatCannotCarryIsRefused() {
        assertThatThrownBy(() -> Message.builder("T").property("a\u0001b", "v").body("x").build())
                .isInstanceOf(MqClientException.class).hasMessageContaining("separate properties");
        assertThatThrownBy(() -> Message.builder("T").property("a", "v\u0002").body("x").build())
                .hasMessageContaining("separate properties");
        assertThatThrownBy(() -> Message.builder("T").property("a", "").body("x").build())
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> Message.builder("T").keys("two words").body("x").build())
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> Message.builder("T").keys("k", null).body("x").build()).hasMessageContaining("null");
        assertThatThrownBy(() -> Message.builder("T").tags(" ").body("x").build()).hasMessageContaining("blank");
        assertThatThrownBy(() -> Message.builder("T").shardingKey("").body("x").build()).hasMessageContaining("blank");
        assertThatThrownBy(() -> Message.builder("T").property("big", "v".repeat(Message.MAX_PROPERTIES_BYTES))
                .body("x").build()).hasMessageContaining("more than " + Message.MAX_PROPERTIES_BYTES);
    }

    @Test
    void delayFormsAreExclusiveAndMustMakeSense() {
        assertThatThrownBy(() -> Message.builder("T").delayLevel(2).delay(Duration.ofSeconds(1)).body("x").build())
                .isInstanceOf(MqClientException.class).hasMessageContaining("choose one");
        assertThatThrownBy(() -> Message.builder("T").delay(Duration.ofSeconds(1)).deliverAt(Instant.now()).body("x")
                .build()).hasMessageContaining("choose one");
        assertThatThrownBy(() -> Message.builder("T").delayLevel(-1).body("x").build())
                .hasMessageContaining("delayLevel must be 1 or more");
        assertThatThrownBy(() -> Message.builder("T").delay(Duration.ZERO).body("x").build())
                .hasMessageContaining("delay must be positive");
    }
}
