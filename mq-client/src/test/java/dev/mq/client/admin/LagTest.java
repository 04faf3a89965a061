package dev.mq.client.admin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lag values: never negative, unknown is unknown, totals honest. */
class LagTest {

    @Test
    void aLagIsNeverNegative() {
        assertThat(Lag.between(10, 4)).isEqualTo(Lag.of(6));
        assertThat(Lag.between(10, 15)).as("consumer offset beyond the queue's end").isEqualTo(Lag.ZERO);
        assertThatThrownBy(() -> Lag.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lag.atLeast(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalsAreExactLowerBoundsOrUnknown() {
        assertThat(Lag.sum(List.of(Lag.of(2), Lag.of(3)))).isEqualTo(Lag.of(5));
        assertThat(Lag.sum(List.of(Lag.of(2), Lag.UNKNOWN))).isEqualTo(Lag.atLeast(2));
        assertThat(Lag.sum(List.of(Lag.UNKNOWN, Lag.UNKNOWN))).isEqualTo(Lag.UNKNOWN);
        assertThat(Lag.sum(List.of(Lag.atLeast(1), Lag.of(1)))).isEqualTo(Lag.atLeast(2));
        assertThat(Lag.sum(new ArrayList<>())).isEqualTo(Lag.ZERO);
        assertThat(Lag.of(Long.MAX_VALUE).plus(Lag.of(5)).messages()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unknownIsShownAsUnknownNeverAsMinusOne() {
        assertThat(Lag.UNKNOWN.toString()).isEqualTo("unknown");
        assertThat(Lag.atLeast(4).toString()).isEqualTo("≥ 4");
        assertThat(Lag.of(4).toString()).isEqualTo("4");
        assertThat(Lag.UNKNOWN.exact()).isEmpty();
        assertThat(Lag.atLeast(4).exact()).isEmpty();
        assertThat(Lag.of(4).exact()).hasValue(4);
        assertThatThrownBy(Lag.UNKNOWN::messages).isInstanceOf(IllegalStateException.class);
        assertThat(Lag.UNKNOWN.isUnknown()).isTrue();
        assertThat(Lag.atLeast(4).isLowerBound()).isTrue();
    }

    @Test
    void lagsSortUnknownFirstThenByCount() {
        List<Lag> lags = new ArrayList<>(List.of(Lag.of(5), Lag.UNKNOWN, Lag.atLeast(5), Lag.of(1)));
        lags.sort(null);

        assertThat(lags).containsExactly(Lag.UNKNOWN, Lag.of(1), Lag.of(5), Lag.atLeast(5));
    }
}
