package dev.mq.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which queues of a topic one consumer of a clustering group takes. Every consumer of the
 * group runs the same strategy on the same sorted lists, so together they take every queue exactly
 * once without talking to each other; a strategy must therefore be deterministic and must give each
 * queue to exactly one of the consumers.
 *
 * <p>Two strategies come with the client: {@link #averagely()} (the default, as the official
 * client's) and {@link #byCircle()}.
 */
@FunctionalInterface
public interface QueueAllocationStrategy {

    /**
     * The queues {@code clientId} takes.
     *
     * @param group     the consumer group
     * @param clientId  this consumer's client id, one of {@code clientIds}
     * @param queues    the topic's readable queues, sorted ({@link MessageQueue#compareTo})
     * @param clientIds the client ids of the group's consumers, sorted
     * @return a subset of {@code queues}
     */
    List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues, List<String> clientIds);

    /**
     * Consecutive runs of queues of (nearly) equal size: with Q queues and N consumers, consumer i
     * takes Q/N queues, one more if i &lt; Q mod N; with fewer queues than consumers, consumer i takes
     * queue i and the rest take none. The official client's {@code AllocateMessageQueueAveragely}
     * rule, so both clients can share a group.
     */
    static QueueAllocationStrategy averagely() {
        return (group, clientId, queues, clientIds) -> {
            int index = clientIds.indexOf(clientId);
            if (index < 0 || queues.isEmpty()) {
                return List.of();
            }
            int count = queues.size();
            int consumers = clientIds.size();
            int remainder = count % consumers;
            int size = count <= consumers ? 1 : (index < remainder ? count / consumers + 1 : count / consumers);
            int start = index < remainder ? index * size : index * size + remainder;
            int end = Math.min(start + size, count);
            return start >= count ? List.of() : List.copyOf(queues.subList(start, end));
        };
    }

    /**
     * Queues dealt out in turn: consumer i takes queues i, i + N, i + 2N, ... (the official client's
     * {@code AllocateMessageQueueAveragelyByCircle}).
     */
    static QueueAllocationStrategy byCircle() {
        return (group, clientId, queues, clientIds) -> {
            int index = clientIds.indexOf(clientId);
            if (index < 0) {
                return List.of();
            }
            List<MessageQueue> mine = new ArrayList<>();
            for (int i = index; i < queues.size(); i += clientIds.size()) {
                mine.add(queues.get(i));
            }
            return List.copyOf(mine);
        };
    }
}
