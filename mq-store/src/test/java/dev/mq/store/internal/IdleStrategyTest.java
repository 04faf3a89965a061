package dev.mq.store.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleStrategyTest {

    /** Idles until the next call would park. */
    private static void spinAndYieldAway(IdleStrategy idle) {
        int calls = 0;
        while (!idle.willPark()) {
            idle.idle(idle);
            assertThat(++calls).as("spins and yields before the first park").isLessThan(10_000);
        }
    }

    @Test
    void eachParkOfAnIdleSpellLastsTwiceTheOneBeforeUpToTheBound() {
        IdleStrategy idle = new IdleStrategy(1_000, 6_000);
        spinAndYieldAway(idle);
        assertThat(idle.nextParkNanos()).isEqualTo(1_000);
        idle.idle(idle);
        assertThat(idle.nextParkNanos()).isEqualTo(2_000);
        idle.idle(idle);
        assertThat(idle.nextParkNanos()).isEqualTo(4_000);
        idle.idle(idle);
        assertThat(idle.nextParkNanos()).isEqualTo(6_000);
        idle.idle(idle);
        assertThat(idle.nextParkNanos()).isEqualTo(6_000);
    }

    @Test
    void workStartsTheNextWaitWithSpinningAndTheShortestPark() {
        IdleStrategy idle = new IdleStrategy(1_000, 8_000);
        spinAndYieldAway(idle);
        idle.idle(idle);
        idle.idle(idle);
        idle.reset();
        assertThat(idle.willPark()).isFalse();
        assertThat(idle.nextParkNanos()).isEqualTo(1_000);
    }

    @Test
    void withOneParkTimeEveryParkLastsIt() {
        IdleStrategy idle = new IdleStrategy(3_000);
        spinAndYieldAway(idle);
        for (int i = 0; i < 5; i++) {
            idle.idle(idle);
            assertThat(idle.nextParkNanos()).isEqualTo(3_000);
        }
    }

    @Test
    void refusesParkTimesThatCannotGrow() {
        assertThatThrownBy(() -> new IdleStrategy(0, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleStrategy(2_000, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000");
    }
}
