package dev.mq.client.internal.producer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Brokers that failed or were slow are avoided for a while, scaled by their latency. */
class FaultTrackerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aFailedBrokerIsAvoidedForThirtySeconds() {
        FaultTracker faults = new FaultTracker();
        faults.failed("broker-a", 0);

        assertThat(faults.isAvailable("broker-a", 29 * SECOND)).isFalse();
        assertThat(faults.isAvailable("broker-a", 30 * SECOND)).isTrue();
        assertThat(faults.isAvailable("broker-b", 0)).isTrue();
    }

    @Test
    void slowAnswersPauseABrokerLongerTheSlowerTheyAre() {
        assertThat(FaultTracker.pauseMillis(100)).isZero();
        assertThat(FaultTracker.pauseMillis(549)).isZero();
        assertThat(FaultTracker.pauseMillis(550)).isEqualTo(5_000);
        assertThat(FaultTracker.pauseMillis(1_500)).isEqualTo(10_000);
        assertThat(FaultTracker.pauseMillis(2_500)).isEqualTo(20_000);
        assertThat(FaultTracker.pauseMillis(60_000)).isEqualTo(30_000);
    }

    @Test
    void aQuickAnswerForgivesABroker() {
        FaultTracker faults = new FaultTracker();
        faults.answered("broker-a", 600, 0);
        assertThat(faults.isAvailable("broker-a", SECOND)).isFalse();

        faults.answered("broker-a", 5, SECOND);

        assertThat(faults.isAvailable("broker-a", SECOND)).isTrue();
    }

    @Test
    void theRefusalsTheOfficialClientRetriesAreRetried() {
        for (int code : new int[]{1, 2, 14, 16, 17, 204, 205, 1500}) {
            assertThat(SendEngine.isRetryable(code)).as("code %d", code).isTrue();
        }
        for (int code : new int[]{0, 3, 10, 13, 15, 29}) {
            assertThat(SendEngine.isRetryable(code)).as("code %d", code).isFalse();
        }
    }
}
