package dev.mq.spring.observation;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqSendObserverTest {

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final MqSendObserver observer = new MqSendObserver(registry, null);

    @Test
    void aFailedSendIsAFailureWithItsError() {
        IllegalStateException refused = new IllegalStateException("refused");
        assertThatThrownBy(() -> observer.observe("Orders", SendMode.SYNC, "shop", trace -> {
            throw refused;
        }, id -> null)).isSameAs(refused);

        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("mq.send").that()
                .hasLowCardinalityKeyValue("outcome", "failure").hasError(refused).hasBeenStopped();
    }

    @Test
    void anAsyncSendIsObservedUntilItsFutureCompletes() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<String> observed = observer.observeAsync("Orders", "shop", trace -> answer, id -> id);

        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("mq.send").that()
                .hasBeenStarted().isNotStopped();
        answer.complete("id-7");

        assertThat(observed).isCompletedWithValue("id-7");
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("mq.send").that()
                .hasLowCardinalityKeyValue("mode", "async").hasLowCardinalityKeyValue("outcome", "success")
                .hasHighCardinalityKeyValue("message.id", "id-7").hasBeenStopped();
    }
}
