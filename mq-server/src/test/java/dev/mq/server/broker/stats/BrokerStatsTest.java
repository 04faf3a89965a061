package dev.mq.server.broker.stats;

import dev.mq.server.broker.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The minute, hour and day figures, the broker rates and the midnight totals, on a clock the test moves. */
class BrokerStatsTest {

    private static final String CLUSTER = "DefaultCluster";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final BrokerStats stats = new BrokerStats(CLUSTER, clock);

    /** Moves the clock in steps of {@code step}, sampling after each, as the stats thread does every second. */
    private void run(Duration total, Duration step) {
        for (long done = 0; done < total.toMillis(); done += step.toMillis()) {
            clock.advance(step);
            stats.sample();
        }
    }

    private BrokerStats.Windows topic(String topic) {
        return stats.view(BrokerStats.TOPIC_PUT_NUMS, topic).orElseThrow();
    }

    @Test
    void messagesCountInTheLastMinuteHourAndDayUntilTheyAgeOut() {
        for (int i = 0; i < 4; i++) {
            stats.recordPut("Orders", 50);
        }

        BrokerStats.Windows now = topic("Orders");
        assertThat(now.minute().sum()).isEqualTo(200);
        assertThat(now.minute().tps()).isCloseTo(200 / 60.0, within(1e-9));
        assertThat(now.minute().avgpt()).as("messages per send").isEqualTo(50.0);
        assertThat(now.hour().sum()).isEqualTo(200);
        assertThat(now.hour().tps()).isCloseTo(200 / 3600.0, within(1e-9));
        assertThat(now.day().sum()).isEqualTo(200);
        assertThat(now.day().tps()).isCloseTo(200 / 86400.0, within(1e-9));

        run(Duration.ofSeconds(70), Duration.ofSeconds(10));
        assertThat(topic("Orders").minute()).isEqualTo(new Window(0, 0.0, 0.0));
        assertThat(topic("Orders").hour().sum()).isEqualTo(200);

        run(Duration.ofMinutes(30).minusSeconds(70), Duration.ofSeconds(10));
        stats.recordPut("Orders", 100);
        run(Duration.ofMinutes(40), Duration.ofSeconds(10));
        BrokerStats.Windows later = topic("Orders");
        assertThat(later.hour().sum()).as("only what came after the first hour sample").isEqualTo(100);
        assertThat(later.day().sum()).isEqualTo(300);

        run(Duration.ofHours(25), Duration.ofSeconds(10));
        assertThat(topic("Orders").day().sum()).isZero();
        assertThat(stats.messagesIn("Orders")).as("the running total stays").isEqualTo(300);
    }

    @Test
    void aWindowOfAYoungCounterSpansTheWholeWindowSinceNothingCameBefore() {
        run(Duration.ofSeconds(30), Duration.ofSeconds(1));
        stats.recordPut("Young", 30);
        run(Duration.ofSeconds(5), Duration.ofSeconds(1));

        Window minute = topic("Young").minute();
        assertThat(minute.sum()).isEqualTo(30);
        assertThat(minute.tps()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void pullsCountPerTopicAndGroupWithTheirBytes() {
        stats.recordGet("cg", "Orders", 10, 4000);
        stats.recordGet("cg", "Orders", 30, 6000);
        stats.recordGet("other", "Orders", 5, 500);
        stats.recordPullMiss();

        var messages = stats.view(BrokerStats.GROUP_GET_NUMS, "Orders@cg").orElseThrow();
        assertThat(messages.minute().sum()).isEqualTo(40);
        assertThat(messages.minute().avgpt()).as("messages per pull").isEqualTo(20.0);
        assertThat(stats.view(BrokerStats.GROUP_GET_SIZE, "Orders@cg").orElseThrow().day().sum()).isEqualTo(10_000);
        assertThat(stats.view(BrokerStats.BROKER_GET_NUMS, CLUSTER).orElseThrow().hour().sum()).isEqualTo(45);
        assertThat(stats.groupGetTps("cg", "Orders")).isCloseTo(40 / 60.0, within(1e-9));
        assertThat(stats.messagesOut("Orders")).isEqualTo(45);

        stats.recordGet(null, "Orders", 1, 10);
        assertThat(stats.messagesOut("Orders")).as("a pull naming no group counts for the topic").isEqualTo(46);
        assertThat(stats.view(BrokerStats.GROUP_GET_NUMS, "Orders@nobody")).isEmpty();
        assertThat(stats.view(BrokerStats.GROUP_GET_NUMS, "no-at-sign")).isEmpty();
        assertThat(stats.view(BrokerStats.TOPIC_PUT_NUMS, "Orders").orElseThrow().day().sum())
                .as("pulled, never sent to").isZero();
        assertThat(stats.view(BrokerStats.BROKER_PUT_NUMS, "OtherCluster")).isEmpty();
        assertThat(stats.view("NO_SUCH_STATS", "Orders")).isEmpty();
    }

    @Test
    void brokerRatesCoverTenSecondsAMinuteAndTenMinutes() {
        stats.recordPut("Orders", 100);
        stats.recordGet("cg", "Orders", 20, 100);
        stats.recordPullMiss();
        run(Duration.ofSeconds(10), Duration.ofSeconds(1));

        BrokerStats.Rates rates = stats.rates();
        assertThat(rates.put()).containsExactly(10.0, 100 / 60.0, 100 / 600.0);
        assertThat(rates.transferred()).containsExactly(2.0, 20 / 60.0, 20 / 600.0);
        assertThat(rates.pullsFound()[0]).isEqualTo(0.1);
        assertThat(rates.pullsTotal()[0]).isEqualTo(0.2);

        run(Duration.ofSeconds(15), Duration.ofSeconds(1));
        assertThat(stats.rates().put()[0]).as("nothing in the last 10 s").isZero();
        assertThat(stats.rates().put()[1]).isCloseTo(100 / 60.0, within(1e-9));
    }

    @Test
    void todayAndYesterdayMorningAreTheTotalsAtTheLastTwoMidnightsWithoutSystemTopics() {
        MovableClock evening = new MovableClock(Instant.parse("2026-01-05T23:59:50Z"));
        BrokerStats daily = new BrokerStats(CLUSTER, evening);
        daily.recordPut("Orders", 5);
        daily.recordPut("SCHEDULE_TOPIC_XXXX", 3);
        daily.recordGet("cg", "Orders", 2, 10);
        assertThat(daily.dayTotals()).isEqualTo(new BrokerStats.DayTotals(5, 0, 0, 2, 0, 0));

        evening.advance(Duration.ofSeconds(20));
        daily.sample();
        daily.recordPut("Orders", 7);
        assertThat(daily.dayTotals()).isEqualTo(new BrokerStats.DayTotals(12, 5, 0, 2, 2, 0));

        evening.advance(Duration.ofDays(1));
        daily.sample();
        assertThat(daily.dayTotals()).isEqualTo(new BrokerStats.DayTotals(12, 12, 5, 2, 2, 2));
    }

    @Test
    void aTopicIsAnnouncedOnceWhenFirstCounted() {
        java.util.List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        stats.recordPut("Early", 1);
        stats.onNewTopic(announced::add);
        stats.recordPut("Early", 1);
        stats.recordGet("cg", "Late", 1, 1);
        stats.recordPut("Late", 1);
        assertThat(announced).containsExactly("Early", "Late");
    }
}
