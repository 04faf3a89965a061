package dev.mq.server.broker.offset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetProcessorTest {

    @Test
    void aNewGroupStartsAtZeroOnAYoungQueue() {
        assertThat(OffsetProcessor.startAtZero(null, "CONSUME_FROM_LAST_OFFSET", 0, 10)).isTrue();
        assertThat(OffsetProcessor.startAtZero(null, "CONSUME_FROM_FIRST_OFFSET", 0, 10)).isTrue();
        assertThat(OffsetProcessor.startAtZero(true, null, 0, 10)).isTrue();
    }

    @Test
    void notOnAnEmptyOrTruncatedQueueNorWhenTheClientSaysNot() {
        assertThat(OffsetProcessor.startAtZero(null, "CONSUME_FROM_LAST_OFFSET", 0, 0)).isFalse();
        assertThat(OffsetProcessor.startAtZero(null, "CONSUME_FROM_LAST_OFFSET", 5, 10)).isFalse();
        assertThat(OffsetProcessor.startAtZero(false, "CONSUME_FROM_LAST_OFFSET", 0, 10)).isFalse();
    }

    @Test
    void aGroupConsumingFromATimestampIsLeftToSearchByTime() {
        assertThat(OffsetProcessor.startAtZero(null, "CONSUME_FROM_TIMESTAMP", 0, 10)).isFalse();
    }
}
