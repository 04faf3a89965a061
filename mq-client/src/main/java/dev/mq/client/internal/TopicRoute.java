package dev.mq.client.internal;

import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.MessageQueue;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.TopicRouteData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One topic's route as the name server gave it, with what producers and consumers derive from it,
 * computed once per route change: the write queues (of writable queue data on brokers that have a
 * master, brokers by name, queues by id, as Apache clients order them), the read queues, and the
 * broker addresses. Immutable apart from the round-robin position; thread-safe.
 */
public final class TopicRoute {

    /** The master's broker id in {@code brokerAddrs}. */
    public static final long MASTER_ID = 0L;

    private final String topic;
    private final TopicRouteData data;
    private final boolean fromTemplate;
    private final List<MessageQueue> writeQueues;
    private final List<MessageQueue> readQueues;
    private final Map<String, BrokerData> brokers;
    private final AtomicInteger position = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    private TopicRoute(String topic, TopicRouteData data, boolean fromTemplate) {
        this.topic = topic;
        this.data = data;
        this.fromTemplate = fromTemplate;
        Map<String, BrokerData> byName = new HashMap<>();
        for (BrokerData broker : nullToEmpty(data.brokerDatas())) {
            byName.put(broker.brokerName(), broker);
        }
        this.brokers = Map.copyOf(byName);
        List<QueueData> queueData = new ArrayList<>(nullToEmpty(data.queueDatas()));
        queueData.sort(Comparator.comparing(QueueData::brokerName));
        this.writeQueues = List.copyOf(data.orderTopicConf() != null && !data.orderTopicConf().isBlank()
                ? orderedQueues(topic, data.orderTopicConf()) : writeQueues(topic, queueData, byName));
        List<MessageQueue> read = new ArrayList<>();
        for (QueueData queues : queueData) {
            if (Permissions.readable(queues.perm())) {
                for (int id = 0; id < queues.readQueueNums(); id++) {
                    read.add(new MessageQueue(topic, queues.brokerName(), id));
                }
            }
        }
        this.readQueues = List.copyOf(read);
    }

    /** The route of {@code topic} as the name server sent it. */
    public static TopicRoute of(String topic, TopicRouteData data) {
        return new TopicRoute(topic, data, false);
    }

    /**
     * A route for a topic that does not exist yet, made from the auto-create template's route: each
     * broker that allows auto-creation offers {@code min(queuesPerBroker, template queues)} queues; the
     * broker creates the topic on the first send.
     */
    public static TopicRoute fromTemplate(String topic, TopicRouteData template, int queuesPerBroker) {
        List<QueueData> queues = new ArrayList<>();
        for (QueueData queueData : nullToEmpty(template.queueDatas())) {
            int count = Math.min(queuesPerBroker, queueData.readQueueNums());
            queues.add(new QueueData(queueData.brokerName(), count, count, queueData.perm(), queueData.topicSysFlag()));
        }
        return new TopicRoute(topic, new TopicRouteData(null, queues, template.brokerDatas(), template.filterServerTable()),
                true);
    }

    private static List<MessageQueue> writeQueues(String topic, List<QueueData> queueData,
                                                  Map<String, BrokerData> brokers) {
        List<MessageQueue> result = new ArrayList<>();
        for (QueueData queues : queueData) {
            BrokerData broker = brokers.get(queues.brokerName());
            if (!Permissions.writable(queues.perm()) || broker == null || broker.brokerAddrs() == null
                    || broker.brokerAddrs().get(MASTER_ID) == null) {
                continue;
            }
            for (int id = 0; id < queues.writeQueueNums(); id++) {
                result.add(new MessageQueue(topic, queues.brokerName(), id));
            }
        }
        return result;
    }

    /** {@code brokerA:4;brokerB:4}: exactly these queues, in this order. */
    private static List<MessageQueue> orderedQueues(String topic, String orderTopicConf) {
        List<MessageQueue> queues = new ArrayList<>();
        for (String entry : orderTopicConf.split(";")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            int count;
            try {
                count = Integer.parseInt(entry.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            for (int id = 0; id < count; id++) {
                queues.add(new MessageQueue(topic, entry.substring(0, colon).trim(), id));
            }
        }
        return queues;
    }

    private static <T> Collection<T> nullToEmpty(Collection<T> values) {
        return values == null ? List.of() : values;
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The route as received (for a template route: the template's, with this topic's queue counts). */
    public TopicRouteData data() {
        return data;
    }

    /** Whether this route was made from the auto-create template because the topic does not exist yet. */
    public boolean fromTemplate() {
        return fromTemplate;
    }

    /** The queues producers send to, in Apache clients' order (brokers by name, then queue id). */
    public List<MessageQueue> writeQueues() {
        return writeQueues;
    }

    /** The queues consumers read, brokers by name, then queue id. */
    public List<MessageQueue> readQueues() {
        return readQueues;
    }

    /** The brokers of the route by name. */
    public Map<String, BrokerData> brokers() {
        return brokers;
    }

    /** The master's address of {@code brokerName}, or null when the route lists none. */
    public String masterAddress(String brokerName) {
        BrokerData broker = brokers.get(brokerName);
        return broker == null || broker.brokerAddrs() == null ? null : broker.brokerAddrs().get(MASTER_ID);
    }

    /** The next round-robin position (any int; callers reduce it modulo their list size). */
    public int nextPosition() {
        return position.getAndIncrement();
    }

    @Override
    public String toString() {
        return "TopicRoute[" + topic + (fromTemplate ? " (from template)" : "") + " write=" + writeQueues.size()
                + " read=" + readQueues.size() + " brokers=" + brokers.keySet() + "]";
    }
}
