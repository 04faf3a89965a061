package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import dev.mq.client.QueueAllocationStrategy;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragelyByCircle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Both strategies give every queue to exactly one consumer, as the official client's do. */
class AllocationTest {

    private static List<MessageQueue> queues(int count) {
        List<MessageQueue> queues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            queues.add(new MessageQueue("T", i < count / 2 ? "a" : "b", i));
        }
        queues.sort(null);
        return queues;
    }

    private static List<String> clients(int count) {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add("10.0.0." + i + "@c");
        }
        clients.sort(null);
        return clients;
    }

    @Test
    void everyQueueGoesToExactlyOneConsumerAndAgreesWithTheOfficialClient() {
        for (int queueCount = 0; queueCount <= 9; queueCount++) {
            for (int clientCount = 1; clientCount <= 5; clientCount++) {
                List<MessageQueue> queues = queues(queueCount);
                List<String> clients = clients(clientCount);
                check(QueueAllocationStrategy.averagely(), new AllocateMessageQueueAveragely(), queues, clients);
                check(QueueAllocationStrategy.byCircle(), new AllocateMessageQueueAveragelyByCircle(), queues, clients);
            }
        }
    }

    private static void check(QueueAllocationStrategy ours,
                              org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy official,
                              List<MessageQueue> queues, List<String> clients) {
        Set<MessageQueue> seen = new HashSet<>();
        List<org.apache.rocketmq.common.message.MessageQueue> officialQueues = queues.stream()
                .map(q -> new org.apache.rocketmq.common.message.MessageQueue(q.topic(), q.brokerName(), q.queueId()))
                .toList();
        for (String client : clients) {
            List<MessageQueue> mine = ours.allocate("g", client, queues, clients);
            for (MessageQueue queue : mine) {
                assertThat(seen.add(queue)).as(queue + " given twice").isTrue();
            }
            if (!queues.isEmpty()) {
                assertThat(mine).extracting(MessageQueue::queueId).containsExactlyElementsOf(
                        official.allocate("g", client, officialQueues, clients).stream()
                                .map(org.apache.rocketmq.common.message.MessageQueue::getQueueId).toList());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(queues);
        assertThat(ours.allocate("g", "not-a-member", queues, clients)).isEmpty();
    }
}
