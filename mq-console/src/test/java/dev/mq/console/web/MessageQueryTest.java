package dev.mq.console.web;

import dev.mq.client.admin.DeadLetterCursor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forms' parameters of /messages, and the page cursor of /dlq/{group}. */
class MessageQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void noSearchWithoutBy() {
        assertThat(MessageQuery.from(null, "T", null, null, null, null, null, clock)).isEmpty();
    }

    @Test
    void aTimeSearchDefaultsToTheLastHourAndReadsUtcFields() {
        MessageQuery last = MessageQuery.from("time", " Orders ", null, null, "", "", null, clock).orElseThrow();
        assertThat(last.topic()).isEqualTo("Orders");
        assertThat(last.from()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(last.to()).isEqualTo(NOW);
        assertThat(last.max()).isEqualTo(MessageQuery.DEFAULT_MAX);
        MessageQuery given = MessageQuery.from("TIME", "Orders", null, null, "2026-12-06T08:00", "2026-12-06T09:30:15Z",
                5, clock).orElseThrow();
        assertThat(given.from()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(given.to()).isEqualTo(Instant.parse("2026-12-06T09:30:15Z"));
        assertThat(given.max()).isEqualTo(5);
    }

    @Test
    void aKeySearchLooksThroughAllStoredTime() {
        MessageQuery key = MessageQuery.from("key", "Orders", "order-7", null, null, null, null, clock).orElseThrow();
        assertThat(key.from()).isEqualTo(Instant.EPOCH);
        assertThat(key.to()).isAfter(NOW);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> MessageQuery.from("key", "Orders", " ", null, null, null, null, clock))
                .hasMessage("key is required for this search");
        assertThatThrownBy(() -> MessageQuery.from("id", "", null, "X", null, null, null, clock))
                .hasMessage("topic is required for this search");
        assertThatThrownBy(() -> MessageQuery.from("tag", "Orders", null, null, null, null, null, clock))
                .hasMessage("by must be key, id or time, not 'tag'");
        assertThatThrownBy(() -> MessageQuery.from("time", "Orders", null, null, "soon", null, null, clock))
                .hasMessageStartingWith("from must be a UTC time");
        assertThatThrownBy(() -> MessageQuery.from("time", "Orders", null, null, "2026-12-06T11:00", null, null, clock))
                .hasMessageContaining("is after to");
        assertThatThrownBy(() -> MessageQuery.from("time", "Orders", null, null, null, null, 2001, clock))
                .hasMessage("max must be 1..2000, not 2001");
    }

    @Test
    void cursorsRoundTripAndNonsenseIsRefused() {
        DeadLetterCursor cursor = new DeadLetterCursor(Map.of("broker-b", 7L, "broker-a", 12L));
        assertThat(DeadLetterCursors.encode(cursor)).isEqualTo("broker-a:12,broker-b:7");
        assertThat(DeadLetterCursors.decode("broker-a:12,broker-b:7")).isEqualTo(cursor);
        assertThat(DeadLetterCursors.decode("")).isEqualTo(DeadLetterCursor.FIRST);
        assertThatThrownBy(() -> DeadLetterCursors.decode("broker-a:x")).hasMessageContaining("bad offset");
        assertThatThrownBy(() -> DeadLetterCursors.decode("broker-a:-1")).hasMessageContaining("negative offset");
        assertThatThrownBy(() -> DeadLetterCursors.decode("12")).hasMessageContaining("is not broker:offset");
    }
}
