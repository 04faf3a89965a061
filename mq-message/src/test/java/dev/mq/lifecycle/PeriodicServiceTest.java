package dev.mq.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class PeriodicServiceTest {

    @Test
    void runsItsJobAgainAndAgainUntilClosed() {
        AtomicInteger runs = new AtomicInteger();
        try (PeriodicService service = new PeriodicService("test-periodic", Duration.ofMillis(5), runs::incrementAndGet,
                e -> { })) {
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        }
    }

    @Test
    void runSoonRunsLongBeforeTheIntervalEnds() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (PeriodicService service = new PeriodicService("test-soon", Duration.ofHours(1), ran::countDown, e -> { })) {
            service.start();
            service.runSoon();
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran within 10 s of runSoon, not after an hour").isTrue();
        }
    }

    @Test
    void aFailingRunIsReportedAndTheServiceGoesOn() {
        AtomicInteger runs = new AtomicInteger();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        try (PeriodicService service = new PeriodicService("test-failing", Duration.ofMillis(5), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
            }
        }, failures::add)) {
            service.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        }
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("first run fails");
    }

    @Test
    void closeWaitsForTheRunInProgressAndMayBeRepeated() throws Exception {
        CountDownLatch inJob = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        PeriodicService service = new PeriodicService("test-close", Duration.ofMillis(1), () -> {
            inJob.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            finished.incrementAndGet();
        }, e -> { });
        service.start();
        assertThat(inJob.await(10, TimeUnit.SECONDS)).isTrue();

        service.close();
        int finishedAtClose = finished.get();
        service.close();

        assertThat(finishedAtClose).as("the run in progress finished before close returned").isGreaterThanOrEqualTo(1);
        assertThat(finished.get()).isEqualTo(finishedAtClose);
    }

    @Test
    void startsOnceAndRefusesABadInterval() {
        try (PeriodicService service = new PeriodicService("test-once", Duration.ofSeconds(1), () -> { }, e -> { })) {
            service.start();
            assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("test-once");
        }
        assertThatThrownBy(() -> new PeriodicService("test-bad", Duration.ZERO, () -> { }, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test-bad");
    }
}
