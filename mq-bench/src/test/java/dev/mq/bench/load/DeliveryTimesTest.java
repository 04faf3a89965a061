package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTimesTest {

    private static final long IDLE = TimeUnit.SECONDS.toNanos(10);

    @Test
    void aLoadIsIdleOnlyAfterItsFirstDeliveryAndTheIdleTimeout() {
        DeliveryTimes times = new DeliveryTimes();
        assertThat(times.idle(Long.MAX_VALUE / 2, IDLE)).as("nothing delivered yet").isFalse();
        assertThat(times.latestNanos()).isZero();

        times.delivered(5_000_000_000L);
        times.delivered(7_000_000_000L);
        times.delivered(6_000_000_000L); // a listener thread that read the clock earlier records later

        assertThat(times.firstNanos()).isEqualTo(5_000_000_000L);
        assertThat(times.latestNanos()).isEqualTo(6_000_000_000L);
        assertThat(times.idle(6_000_000_000L + IDLE, IDLE)).isFalse();
        assertThat(times.idle(6_000_000_000L + IDLE + 1, IDLE)).isTrue();
    }
}
