package dev.mq.server.broker.timer;

import dev.mq.message.MessageProperties;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimerMessagesTest {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private final TimerMessages timers = new TimerMessages(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(3));

    private static String props(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return MessageProperties.format(map);
    }

    @Test
    void relativeAndAbsoluteTimesGiveTheDueTime() {
        long now = NOW.toEpochMilli();
        assertThat(timers.decide(props("TIMER_DELAY_SEC", "3"), 0, false).dueMs()).isEqualTo(now + 3_000);
        assertThat(timers.decide(props("TIMER_DELAY_MS", "1500"), 0, false).dueMs()).isEqualTo(now + 1_500);
        assertThat(timers.decide(props("TIMER_DELIVER_MS", Long.toString(now + 42)), 0, false).dueMs())
                .isEqualTo(now + 42);
        assertThat(timers.decide(props("__STARTDELIVERTIME", Long.toString(now + 7_000)), 0, false).dueMs())
                .isEqualTo(now + 7_000);
        // read in RocketMQ's order: the relative seconds first
        assertThat(timers.decide(props("TIMER_DELIVER_MS", Long.toString(now + 42), "TIMER_DELAY_SEC", "2"), 0, false)
                .dueMs()).isEqualTo(now + 2_000);
        assertThat(timers.decide(props("KEYS", "k"), 0, false).kind()).isEqualTo(TimerMessages.Decision.Kind.NONE);
    }

    @Test
    void aDelayLevelWinsAndThePastIsDeliveredNow() {
        TimerMessages.Decision level = timers.decide(props("TIMER_DELAY_SEC", "3"), 2, false);
        assertThat(level.kind()).isEqualTo(TimerMessages.Decision.Kind.STRIP);
        AppendMessage stripped = level.applyTo(message(props("TIMER_DELAY_SEC", "3", "KEYS", "k")));
        assertThat(MessageProperties.parse(stripped.properties())).containsOnlyKeys("KEYS");

        TimerMessages.Decision past = timers.decide(props("TIMER_DELIVER_MS", "1000"), 0, false);
        assertThat(past.kind()).isEqualTo(TimerMessages.Decision.Kind.DELIVER_NOW);
        assertThat(past.applyTo(message(props("TIMER_DELIVER_MS", "1000"))).topic()).isEqualTo("Orders");
        assertThat(timers.decide(props("TIMER_DELAY_MS", "-5"), 0, false).kind())
                .isEqualTo(TimerMessages.Decision.Kind.DELIVER_NOW);
    }

    @Test
    void aFutureTimeParksTheMessageInTheTimerTopic() {
        long due = NOW.toEpochMilli() + 10_000;
        AppendMessage parked = timers.decide(props("TIMER_DELAY_SEC", "10"), 0, false)
                .applyTo(message(props("TIMER_DELAY_SEC", "10", "UNIQ_KEY", "U1")));
        assertThat(parked.topic()).isEqualTo(TopicNames.TIMER_TOPIC);
        assertThat(parked.queueId()).isZero();
        assertThat(MessageProperties.parse(parked.properties())).containsEntry("REAL_TOPIC", "Orders")
                .containsEntry("REAL_QID", "3").containsEntry("TIMER_OUT_MS", Long.toString(due))
                .containsEntry("UNIQ_KEY", "U1");
    }

    @Test
    void aTimeBeyondTheMaximumDelayIsRefusedNamingTheLimitAndTheProperty() {
        TimerMessages.Decision tooLate = timers.decide(props("TIMER_DELAY_SEC", Long.toString(3 * 86_400 + 1)), 0,
                false);
        assertThat(tooLate.refused()).isTrue();
        assertThat(tooLate.problem()).contains("mq.broker.timer.max-delay").contains("259200000 ms").contains("PT72H");
        assertThat(timers.decide(props("TIMER_DELAY_SEC", Long.toString(3 * 86_400)), 0, false).refused()).isFalse();
        assertThat(timers.decide(props("TIMER_DELAY_SEC", Long.toString(Long.MAX_VALUE)), 0, false).refused()).isTrue();
    }

    @Test
    void nonsenseAndBatchesAreRefused() {
        assertThat(timers.decide(props("TIMER_DELAY_MS", "soon"), 0, false).problem())
                .contains("TIMER_DELAY_MS").contains("'soon'");
        assertThat(timers.decide(props("TIMER_DELAY_SEC", "1"), 0, true).problem()).contains("batch");
    }

    private static AppendMessage message(String properties) {
        return new AppendMessage("Orders", 3, 0, 0, 1L, new InetSocketAddress("127.0.0.1", 1), 0, 0L,
                "b".getBytes(StandardCharsets.UTF_8), properties);
    }
}
