package dev.mq.client.internal.consumer;

import dev.mq.client.MessageModel;
import dev.mq.client.MessageQueue;
import dev.mq.client.MqException;
import dev.mq.client.QueueAllocationStrategy;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.TopicRoute;
import dev.mq.message.TopicNames;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Client-side rebalancing: for each subscribed topic, the readable queues of its route and the
 * group's consumers (GET_CONSUMER_LIST_BY_GROUP, asked of one of the topic's brokers), both sorted,
 * go through the allocation strategy; what this consumer gets is handed to {@link Assignment}. In
 * broadcasting mode a consumer takes every queue. A topic whose route or member list cannot be read
 * keeps its current queues until the next round. Runs on the consumer's control thread.
 */
final class Rebalancer {

    private static final System.Logger LOG = System.getLogger(Rebalancer.class.getName());

    /** Applies what a rebalance decided for one topic. */
    @FunctionalInterface
    interface Assignment {
        /** This consumer now owns exactly {@code queues} of {@code topic}. */
        void assign(String topic, Set<MessageQueue> queues);
    }

    private final ConsumerRequests requests;
    private final MessageModel model;
    private final QueueAllocationStrategy strategy;
    private final Supplier<Collection<String>> topics;
    private final Assignment assignment;
    private final Duration timeout;
    private final Set<String> failingTopics = ConcurrentHashMap.newKeySet();

    Rebalancer(ConsumerRequests requests, MessageModel model, QueueAllocationStrategy strategy,
               Supplier<Collection<String>> topics, Assignment assignment) {
        this.requests = requests;
        this.model = model;
        this.strategy = strategy;
        this.topics = topics;
        this.assignment = assignment;
        this.timeout = requests.core().settings().requestTimeout();
    }

    /**
     * One round over every subscribed topic.
     *
     * @return false when a topic could not be decided because the brokers do not list this client
     *         among the group's consumers yet, or a retry topic has no route yet (worth another round
     *         soon); true otherwise, also when another topic's route or member list could not be read
     *         (logged; the regular rounds try again)
     */
    boolean rebalance() {
        boolean settled = true;
        for (String topic : topics.get()) {
            try {
                settled &= rebalance(topic);
                if (failingTopics.remove(topic)) {
                    LOG.log(Level.INFO, "group {0}: topic {1} is assigned again", requests.group(), topic);
                }
            } catch (MqException | IllegalArgumentException e) {
                // a retry topic without a route yet is normal right after the group's first heartbeat,
                // and it appears within moments: ask again soon rather than at the next regular round
                // (20 s), or messages handed back for a retry wait that long before anyone pulls them
                boolean retryTopic = TopicNames.isRetry(topic);
                settled &= !retryTopic;
                Level first = retryTopic ? Level.INFO : Level.WARNING;
                Level level = failingTopics.add(topic) ? first : Level.DEBUG;
                LOG.log(level, "group {0}: cannot rebalance topic {1}, keeping its queues until the next round: {2}",
                        requests.group(), topic, e.getMessage());
            }
        }
        return settled;
    }

    /** Decides {@code topic}; false when this client is not among the members the brokers list yet. */
    private boolean rebalance(String topic) {
        TopicRoute route;
        try {
            route = requests.core().routes().route(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            Throwable cause = Invoker.unwrap(e);
            throw cause instanceof MqException mq ? mq
                    : new dev.mq.client.MqClientException("route lookup of " + topic + " failed: " + cause, cause);
        }
        List<MessageQueue> queues = new ArrayList<>();
        for (dev.mq.protocol.body.MessageQueue queue : route.readQueues()) {
            queues.add(new MessageQueue(queue.topic(), queue.brokerName(), queue.queueId()));
        }
        queues.sort(null);
        if (model == MessageModel.BROADCASTING) {
            assignment.assign(topic, new LinkedHashSet<>(queues));
            return true;
        }
        if (queues.isEmpty()) {
            assignment.assign(topic, Set.of());
            return true;
        }
        List<String> members = members(queues);
        if (!members.contains(requests.core().clientId())) {
            LOG.log(Level.DEBUG, "group {0}: the brokers do not list this client yet; topic {1} waits",
                    requests.group(), topic);
            return false;
        }
        List<MessageQueue> mine = strategy.allocate(requests.group(), requests.core().clientId(), List.copyOf(queues),
                members);
        Set<MessageQueue> allowed = new LinkedHashSet<>(queues);
        Set<MessageQueue> taken = new LinkedHashSet<>();
        for (MessageQueue queue : mine == null ? List.<MessageQueue>of() : mine) {
            if (!allowed.contains(queue)) {
                throw new IllegalArgumentException("the allocation strategy " + strategy + " returned " + queue
                        + ", which is not one of the queues it was given");
            }
            taken.add(queue);
        }
        assignment.assign(topic, taken);
        return true;
    }

    /** The group's members, from the first broker of the topic that answers. */
    private List<String> members(List<MessageQueue> queues) {
        Set<String> brokers = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            brokers.add(queue.brokerName());
        }
        MqException failure = null;
        for (String broker : brokers) {
            try {
                return requests.consumerIds(broker);
            } catch (MqException e) {
                failure = e;
            }
        }
        throw failure;
    }
}
