package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RunControlTest {

    private final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void claimsHandOutExactlyTheCount() {
        LoadOptions options = new LoadOptionsParser("t").parse(Command.PRODUCE, "--count", "10");
        try (RunControl control = new RunControl(options, new LoadStats(System.nanoTime()), progress, true)) {
            control.start();
            assertThat(control.measuring()).isTrue();
            assertThat(control.claim(4)).isEqualTo(4);
            assertThat(control.claim(4)).isEqualTo(4);
            assertThat(control.claim(4)).isEqualTo(2);
            assertThat(control.claim(1)).isZero();
            assertThat(control.countReached(9)).isFalse();
            assertThat(control.countReached(10)).isTrue();
        }
    }

    @Test
    void durationAndStop() {
        LoadOptions options = new LoadOptionsParser("t").parse(Command.PRODUCE, "--duration", "30s");
        try (RunControl control = new RunControl(options, new LoadStats(System.nanoTime()), progress, true)) {
            control.start();
            long start = control.measureStartNanos();
            assertThat(control.deadlinePassed(start + 29_000_000_000L)).isFalse();
            assertThat(control.deadlinePassed(start + 30_000_000_000L)).isTrue();
            assertThat(control.claim(1)).isEqualTo(1);
            control.stop();
            assertThat(control.claim(1)).isZero();
        }
    }

    @Test
    void nothingIsMeasuredDuringTheWarmUp() {
        LoadOptions options = new LoadOptionsParser("t").parse(Command.PRODUCE, "--count", "1", "--warmup", "1h");
        try (RunControl control = new RunControl(options, new LoadStats(System.nanoTime()), progress, true)) {
            control.start();
            assertThat(control.measuring()).isFalse();
            // during the warm-up the count is not used up
            assertThat(control.claim(5)).isEqualTo(5);
            assertThat(control.claim(5)).isEqualTo(5);
            assertThat(control.countReached(100)).isFalse();
            long start = control.measureStartNanos();
            assertThat(start - System.nanoTime()).isGreaterThan(3_000_000_000_000L); // about an hour away
            assertThat(control.measured(start - 1)).isFalse();
            assertThat(control.measured(start)).isTrue();
            assertThat(control.deadlinePassed(start - 1)).isFalse();
        }
    }

    @Test
    void theWarmUpEndsForReadersOfTheCountOnlyOnceTheStatsWereRestarted() {
        LoadOptions options = new LoadOptionsParser("t").parse(Command.CONSUME, "--warmup", "50ms");
        LoadStats stats = new LoadStats(System.nanoTime());
        try (RunControl control = new RunControl(options, stats, progress, true)) {
            stats.messages(7); // counted before the warm-up ends
            assertThat(control.warmupEnded()).isFalse();
            control.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(control::warmupEnded);
            assertThat(stats.messageCount()).as("the warm-up's messages are gone once it is over").isZero();
            assertThat(control.measuring()).isTrue();
        }
    }
}
