package dev.mq.spring.support;

import dev.mq.client.Message;
import dev.mq.spring.MqHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutgoingMessageFactoryTest {

    private final OutgoingMessageFactory factory = new OutgoingMessageFactory(new BasicPayloadConverter());

    @Test
    void headersBecomeKeysTagDelayShardingKeyAndUserProperties() {
        Message built = factory.fromMessage(Destination.parse("Orders"), MessageBuilder.withPayload("body")
                .setHeader(MqHeaders.KEYS, Set.of("order-1"))
                .setHeader(MqHeaders.TAGS, "created")
                .setHeader(MqHeaders.DELAY, Duration.ofSeconds(5))
                .setHeader(MqHeaders.SHARDING_KEY, "customer-7")
                .setHeader("region", "eu")
                .setHeader("priority", 3)
                .setHeader("urgent", true)
                .build()).build();

        assertThat(built.topic()).isEqualTo("Orders");
        assertThat(built.tags()).isEqualTo("created");
        assertThat(built.keys()).containsExactly("order-1");
        assertThat(built.delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(built.shardingKey()).isEqualTo("customer-7");
        assertThat(built.properties()).containsEntry("region", "eu").containsEntry("priority", "3")
                .containsEntry("urgent", "true").containsEntry(MqHeaders.CONTENT_TYPE, BasicPayloadConverter.TEXT)
                .doesNotContainKeys("id", "timestamp");
        assertThat(new String(built.body(), StandardCharsets.UTF_8)).isEqualTo("body");
    }

    @Test
    void numbersAreMillisecondsForDelaysAndEpochMillisForDeliveryTimes() {
        Message delayed = factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader(MqHeaders.DELAY, 1500L).build()).build();
        Message timed = factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader(MqHeaders.DELIVER_AT, 1_800_000_000_000L).build()).build();

        assertThat(delayed.delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(timed.deliverAt()).isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
    }

    @Test
    void headersOfAReceivedMessageAreNotSentAgain() {
        Message built = factory.fromMessage(Destination.parse("Orders"), MessageBuilder.withPayload("x")
                .setHeader(MqHeaders.MESSAGE_ID, "AC11").setHeader(MqHeaders.TOPIC, "Elsewhere")
                .setHeader(MqHeaders.QUEUE_OFFSET, 4L).build()).build();

        assertThat(built.properties()).containsOnlyKeys(MqHeaders.CONTENT_TYPE);
    }

    @Test
    void headersThatCannotBeWhatTheyMeanAreClearErrors() {
        assertThatThrownBy(() -> factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader(MqHeaders.DELAY, "soon").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MqHeaders.DELAY)
                .hasMessageContaining("Duration");
        assertThatThrownBy(() -> factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader(MqHeaders.KEYS, 42).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MqHeaders.KEYS);
        assertThatThrownBy(() -> factory.fromMessage(Destination.parse("Orders:created"),
                MessageBuilder.withPayload("x").setHeader(MqHeaders.TAGS, "paid").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'created'")
                .hasMessageContaining("'paid'");
        assertThatThrownBy(() -> factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader("items", List.of(1, 2)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'items'")
                .hasMessageContaining("cannot be a message property");
        assertThatThrownBy(() -> factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader("owner", new Object()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'owner'");
    }

    @Test
    void aPropertyTheClientRefusesIsABadArgumentNamingTheDestination() {
        OutgoingDraft draft = factory.fromMessage(Destination.parse("Orders"),
                MessageBuilder.withPayload("x").setHeader("KEYS", "system-name").build());

        assertThatThrownBy(draft::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot send to 'Orders'");
    }

    @Test
    void destinationsAreTopicOrTopicColonTag() {
        assertThat(Destination.parse("Orders")).isEqualTo(new Destination("Orders", null));
        assertThat(Destination.parse("Orders:created")).isEqualTo(new Destination("Orders", "created"));
        assertThatThrownBy(() -> Destination.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'topic' or 'topic:tag'");
        assertThatThrownBy(() -> Destination.parse("Or/ders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Or/ders");
        assertThatThrownBy(() -> Destination.parse("Orders:a||b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'||'");
        assertThatThrownBy(() -> Destination.parse("Orders: x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("space");
    }
}
