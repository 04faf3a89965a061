package dev.mq.client.internal.consumer;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MessageQueue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartOffsetsTest {

    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);

    /** A queue on a broker: its offsets, and the broker's answer for a group without a stored offset. */
    private static final class Queue implements StartOffsets.QueueOffsets, OffsetStore {
        long min;
        long max;
        Runnable beforeMaxAnswer = () -> { };
        final List<String> asked = new ArrayList<>();

        @Override
        public long maxOffset(MessageQueue queue) {
            asked.add("max");
            beforeMaxAnswer.run();
            return max;
        }

        @Override
        public long minOffset(MessageQueue queue) {
            asked.add("min");
            return min;
        }

        @Override
        public long offsetAt(MessageQueue queue, long timestampMillis) {
            asked.add("at");
            return max;
        }

        /** As the broker answers QUERY_CONSUMER_OFFSET with nothing stored: 0 while the queue still holds its first message. */
        @Override
        public long read(MessageQueue queue) {
            asked.add("stored");
            return min == 0 && max > 0 ? 0 : -1;
        }

        @Override
        public void persist(Map<MessageQueue, Long> offsets, boolean wait) {
        }

        @Override
        public void assume(MessageQueue queue, long offset) {
        }
    }

    private static StartOffsets lastOffset(Queue queue) {
        return new StartOffsets(queue, queue, ConsumeFrom.LAST_OFFSET, Instant.EPOCH);
    }

    @Test
    void aMessageStoredBetweenTheTwoQuestionsIsNotSkipped() {
        Queue queue = new Queue(); // empty when the stored offset is asked for
        queue.beforeMaxAnswer = () -> queue.max = 1; // the first message arrives meanwhile
        assertThat(lastOffset(queue).startOffset(QUEUE)).isZero();
        assertThat(queue.asked).containsExactly("stored", "max", "stored");
    }

    @Test
    void anEmptyQueueStartsAtItsEndWithoutAskingAgain() {
        Queue queue = new Queue();
        assertThat(lastOffset(queue).startOffset(QUEUE)).isZero();
        assertThat(queue.asked).containsExactly("stored", "max");
    }

    @Test
    void aQueueThatLostItsFirstMessagesStartsAtTheLastOffset() {
        Queue queue = new Queue();
        queue.min = 40;
        queue.max = 50;
        assertThat(lastOffset(queue).startOffset(QUEUE)).isEqualTo(50);
    }

    @Test
    void firstOffsetAndRetryTopicsAreNotAskedAgain() {
        Queue queue = new Queue();
        queue.min = 40;
        queue.max = 50;
        assertThat(new StartOffsets(queue, queue, ConsumeFrom.FIRST_OFFSET, Instant.EPOCH).startOffset(QUEUE))
                .isEqualTo(40);
        assertThat(queue.asked).containsExactly("stored", "min");
        assertThat(lastOffset(queue).startOffset(new MessageQueue("%RETRY%g", "b", 0))).isZero();
    }
}
