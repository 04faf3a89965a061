package dev.mq.server.broker.delay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelayLevelsTest {

    private final DelayLevels levels = new DelayLevels(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10)));

    @Test
    void levelsAboveTheMaximumAreClamped() {
        assertThat(levels.count()).isEqualTo(3);
        assertThat(levels.clamp(1)).isEqualTo(1);
        assertThat(levels.clamp(3)).isEqualTo(3);
        assertThat(levels.clamp(18)).isEqualTo(3);
        assertThat(levels.clamp(0)).isZero();
        assertThat(levels.clamp(-2)).isZero();
        assertThat(levels.delayMillis(99)).isEqualTo(10_000);
    }

    @Test
    void theDelayPropertyIsParsedLeniently() {
        assertThat(levels.parse(null)).isZero();
        assertThat(levels.parse("0")).isZero();
        assertThat(levels.parse("-1")).isZero();
        assertThat(levels.parse("soon")).isZero();
        assertThat(levels.parse("2")).isEqualTo(2);
        assertThat(levels.parse("18")).isEqualTo(3);
    }

    @Test
    void aMessageIsDueAtItsStoreTimePlusTheLevelsDelay() {
        long stored = 1_700_000_000_000L;
        assertThat(levels.dueAt(stored, 2)).isEqualTo(stored + 5_000);
        assertThat(levels.isDue(stored, 2, stored + 4_999)).isFalse();
        assertThat(levels.isDue(stored, 2, stored + 5_000)).isTrue();
        assertThat(levels.isDue(stored, 7, stored + 9_999)).isFalse();
        assertThat(levels.isDue(stored, 7, stored + 10_000)).isTrue();
    }

    @Test
    void levelsMustBePositive() {
        assertThatThrownBy(() -> new DelayLevels(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DelayLevels(List.of(Duration.ofSeconds(1), Duration.ZERO)))
                .hasMessageContaining("level 2");
        assertThatThrownBy(() -> levels.delayMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
