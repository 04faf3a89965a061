package dev.mq.spring.support;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.converter.MessageConversionException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPayloadConverterTest {

    record Order(String id, int quantity, Instant placedAt) {
    }

    private final JsonPayloadConverter converter = new JsonPayloadConverter(JsonMapper.builder().build());

    @Test
    void bytesAndStringsPassAsTheyAre() {
        byte[] raw = {1, 2, 3};
        assertThat(converter.toBody(raw)).isEqualTo(new MqPayloadConverter.Body(raw, BasicPayloadConverter.BYTES));
        MqPayloadConverter.Body text = converter.toBody("héllo");
        assertThat(text.contentType()).isEqualTo(BasicPayloadConverter.TEXT);
        assertThat(converter.fromBody(text.bytes(), text.contentType(), String.class)).isEqualTo("héllo");
        assertThat(converter.fromBody(raw, null, byte[].class)).isSameAs(raw);
    }

    @Test
    void objectsTravelAsJsonAndComeBackAsTheDeclaredType() {
        Order order = new Order("o-1", 3, Instant.parse("2026-12-06T10:15:30Z"));
        MqPayloadConverter.Body body = converter.toBody(order);
        assertThat(body.contentType()).isEqualTo(JsonPayloadConverter.JSON);
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).contains("\"id\":\"o-1\"");
        assertThat(converter.fromBody(body.bytes(), body.contentType(), Order.class)).isEqualTo(order);

        MqPayloadConverter.Body list = converter.toBody(List.of(order, order));
        Object back = converter.fromBody(list.bytes(), list.contentType(),
                new ParameterizedTypeReference<List<Order>>() { }.getType());
        assertThat(back).isEqualTo(List.of(order, order));
    }

    @Test
    void unreadableBodiesFailWithTheTargetType() {
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> converter.fromBody(notJson, "text/plain", Order.class))
                .isInstanceOf(MessageConversionException.class).hasMessageContaining(Order.class.getName());
        assertThatThrownBy(() -> converter.toBody(null)).isInstanceOf(MessageConversionException.class);
    }

    @Test
    void withoutJacksonOnlyBytesAndStrings() {
        BasicPayloadConverter basic = new BasicPayloadConverter();
        assertThatThrownBy(() -> basic.toBody(new Order("o", 1, Instant.EPOCH)))
                .isInstanceOf(MessageConversionException.class).hasMessageContaining("MqPayloadConverter bean");
    }
}
