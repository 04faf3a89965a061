package dev.mq.console.sampling;

import dev.mq.client.Message;
import dev.mq.client.MqClient;
import dev.mq.client.Producer;
import dev.mq.client.admin.MqAdmin;
import dev.mq.test.EmbeddedMqExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sampler against a real server, with a clock the test moves: what it keeps, and for how long. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacklogSamplerTest {

    @RegisterExtension
    static final EmbeddedMqExtension mq = EmbeddedMqExtension.withTopics("SampledOrders").queues(2);

    private MqClient client;

    @BeforeAll
    void connect() {
        client = MqClient.builder().namesrv(mq.server().namesrvAddress()).build();
        try (Producer producer = client.producer("sampler-test").build()) {
            for (int i = 0; i < 5; i++) {
                producer.send(Message.builder("SampledOrders").body("o" + i).build());
            }
        }
        // a send is acknowledged before its queue's index shows it: wait until the broker counts all five
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> client.admin().topicStatus("SampledOrders").totalMessages() == 5);
    }

    @AfterAll
    void close() {
        client.close();
    }

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void samplesAreTakenAtTheClocksTimeAndOnlyTheLast24HoursAreKept() {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TopicsGroupsProperties properties = new TopicsGroupsProperties();
        properties.setSampleInterval(Duration.ofHours(1));
        MqAdmin admin = client.admin();
        BacklogSampler sampler = new BacklogSampler(admin, clock, properties);

        BacklogSampler.SampleRun first = sampler.sampleOnce();
        assertThat(first.problem()).isNull();
        assertThat(first.topics()).isPositive();
        assertThat(sampler.storedMessagesOf("SampledOrders")).singleElement()
                .satisfies(s -> assertThat(s.at()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z")))
                .satisfies(s -> assertThat(s.value()).isEqualTo(5L));

        for (int hour = 1; hour <= 30; hour++) {
            clock.advance(Duration.ofHours(1));
            sampler.sampleOnce();
        }
        List<SampleSeries.Sample> kept = sampler.storedMessagesOf("SampledOrders");
        assertThat(kept).hasSize(25); // now and the 24 hours before it, one sample an hour
        assertThat(kept.get(0).at()).isEqualTo(clock.instant().minus(Duration.ofHours(24)));
        assertThat(kept.get(24).at()).isEqualTo(clock.instant());
        assertThat(sampler.lastRun().at()).isEqualTo(clock.instant());
    }

    @Test
    void aSeriesIsARingOfFixedSizeAndUnknownStaysUnknown() {
        SampleSeries series = new SampleSeries(3);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            series.add(t.plusSeconds(i), i == 3 ? null : (long) i);
        }
        assertThat(series.since(Instant.EPOCH)).extracting(SampleSeries.Sample::value).containsExactly(2L, null, 4L);
        assertThat(series.latest().value()).isEqualTo(4L);
        assertThatThrownBy(() -> new SampleSeries(0)).hasMessageContaining("at least 1 sample");
    }

    @Test
    void theHistoryRefusesSeriesBeyondItsLimitAndDropsStaleOnes() {
        SampleHistory history = new SampleHistory(10, 2);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(history.add("a", t, 1L)).isTrue();
        assertThat(history.add("b", t, 1L)).isTrue();
        assertThat(history.add("c", t, 1L)).isFalse();
        assertThat(history.seriesCount()).isEqualTo(2);
        assertThat(history.refusedSamples()).isEqualTo(1);
        history.add("a", t.plusSeconds(60), 2L);
        history.dropOlderThan(t.plusSeconds(30));
        assertThat(history.seriesCount()).isEqualTo(1);
        assertThat(history.latest("a")).get().extracting(SampleSeries.Sample::value).isEqualTo(2L);
    }
}
