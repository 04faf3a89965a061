package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.ReceivedMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessQueueTest {

    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);

    static ReceivedMessage message(long offset, int bodyLength) {
        return new ReceivedMessage("id" + offset, "o" + offset, "T", null, List.of(), Map.of(), Map.of(),
                new byte[bodyLength], 0, offset, 1000 + offset, Instant.EPOCH, Instant.EPOCH, 0, "T", "b");
    }

    private static List<ReceivedMessage> messages(long... offsets) {
        List<ReceivedMessage> messages = new ArrayList<>();
        for (long offset : offsets) {
            messages.add(message(offset, 10));
        }
        return messages;
    }

    @Test
    void theCommittableOffsetIsTheLowestNotConsumedOrTheNextPullOffset() {
        ProcessQueue queue = new ProcessQueue(QUEUE, 5);
        assertThat(queue.committableOffset()).isEqualTo(5);
        ProcessQueue.CachedBatch first = queue.add(messages(5, 6, 7), 9); // 8 was filtered out
        ProcessQueue.CachedBatch second = queue.add(messages(9, 10), 11);
        assertThat(queue.pendingCount()).isEqualTo(5);
        assertThat(queue.pendingBytes()).isEqualTo(50);
        assertThat(queue.committableOffset()).isEqualTo(5);

        queue.complete(first, 1, 3);
        assertThat(queue.committableOffset()).as("5 is still running").isEqualTo(5);
        queue.complete(second, 0, 1);
        queue.complete(first, 0, 1);
        assertThat(queue.committableOffset()).isEqualTo(10);
        assertThat(queue.complete(first, 0, 3)).as("completing twice counts once").isZero();
        queue.complete(second, 1, 2);
        assertThat(queue.committableOffset()).isEqualTo(11);
        assertThat(queue.pendingCount()).isZero();
        assertThat(queue.pendingBytes()).isZero();
    }

    @Test
    void theLastConsumeTimeIsZeroUntilAMessageIsConsumedThenWhenThatHappened() throws Exception {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        ProcessQueue.CachedBatch batch = queue.add(messages(0, 1), 2);
        assertThat(queue.lastConsumeMillis()).isZero();

        long before = System.currentTimeMillis();
        queue.complete(batch, 0, 1);
        long after = System.currentTimeMillis();
        assertThat(queue.lastConsumeMillis()).isBetween(before - 1, after + 1);

        long consumedAt = System.nanoTime();
        Thread.sleep(50);
        queue.complete(batch, 1, 2, consumedAt);
        assertThat(queue.lastConsumeMillis()).as("the time the caller gave")
                .isBetween(after - 1, System.currentTimeMillis() - 49);
    }

    @Test
    void roomCountsMessagesAndBytes() {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        queue.add(messages(0, 1, 2), 3);
        assertThat(queue.hasRoom(4, 1000)).isTrue();
        assertThat(queue.hasRoom(3, 1000)).isFalse();
        assertThat(queue.hasRoom(100, 30)).isFalse();
    }

    @Test
    void nextAndTakeHandOutMessagesInOrder() {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        queue.add(messages(0, 1, 2), 3);
        queue.add(messages(3), 4);
        ProcessQueue.Slice slice = queue.next(2);
        assertThat(slice.messages()).extracting(ReceivedMessage::queueOffset).containsExactly(0L, 1L);
        assertThat(queue.next(5).messages()).as("not consumed yet: the same again").hasSize(3);
        queue.complete(slice);
        List<ReceivedMessage> taken = queue.take(10, new ArrayList<>());
        assertThat(taken).extracting(ReceivedMessage::queueOffset).containsExactly(2L, 3L);
        assertThat(queue.next(1)).isNull();
        assertThat(queue.committableOffset()).isEqualTo(4);
    }

    @Test
    void aDroppedQueueKeepsItsOffsetAndIgnoresLateWork() {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        ProcessQueue.CachedBatch batch = queue.add(messages(0, 1), 2);
        queue.complete(batch, 0, 1);
        queue.drop();
        assertThat(queue.committableOffset()).isEqualTo(1);
        assertThat(queue.complete(batch, 1, 2)).isZero();
        assertThat(queue.add(messages(2), 3)).isNull();
        assertThat(queue.committableOffset()).isEqualTo(1);
        assertThat(queue.pendingCount()).isZero();
    }

    @Test
    void consumeThreadsCompletingAtOnceLeaveNothingPendingAndTheOffsetAtTheNextPull() throws Exception {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        int batches = 200;
        int perBatch = 32;
        List<ProcessQueue.CachedBatch> added = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            long[] offsets = new long[perBatch];
            for (int i = 0; i < perBatch; i++) {
                offsets[i] = (long) b * perBatch + i;
            }
            added.add(queue.add(messages(offsets), (long) (b + 1) * perBatch));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> marked = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                marked.add(pool.submit(() -> {
                    start.await();
                    int count = 0;
                    for (ProcessQueue.CachedBatch batch : added) {
                        // every thread tries every message, from its own starting point: each counts once
                        for (int k = 0; k < perBatch; k++) {
                            int i = (k + thread * 5) % perBatch;
                            count += queue.complete(batch, i, i + 1);
                        }
                        queue.committableOffset(); // the offset is asked for while completions run
                    }
                    return count;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> future : marked) {
                total += future.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).as("each message marked once").isEqualTo(batches * perBatch);
        } finally {
            pool.shutdownNow();
        }
        assertThat(queue.pendingCount()).isZero();
        assertThat(queue.pendingBytes()).isZero();
        assertThat(queue.committableOffset()).isEqualTo((long) batches * perBatch);
        assertThat(queue.cachedRange()).containsExactly(-1, -1);
        assertThat(queue.next(1)).isNull();
    }

    @Test
    void aBatchFinishedOutOfOrderLeavesOnlyWhenTheOlderOnesDid() {
        ProcessQueue queue = new ProcessQueue(QUEUE, 0);
        ProcessQueue.CachedBatch first = queue.add(messages(0, 1), 2);
        ProcessQueue.CachedBatch second = queue.add(messages(2, 3), 4);
        queue.complete(second, 0, 2);
        queue.complete(first, 1, 2);
        assertThat(queue.committableOffset()).isZero();
        assertThat(queue.cachedRange()).containsExactly(0, 3);
        assertThat(queue.pendingMessages()).extracting(ReceivedMessage::queueOffset).containsExactly(0L);
        assertThat(queue.next(5).messages()).extracting(ReceivedMessage::queueOffset).containsExactly(0L);
        queue.complete(first, 0, 1);
        assertThat(queue.committableOffset()).isEqualTo(4);
        assertThat(queue.cachedRange()).containsExactly(-1, -1);
    }
}
