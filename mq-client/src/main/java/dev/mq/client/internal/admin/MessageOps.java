package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.MessageSearch;
import dev.mq.client.admin.MessageTrack;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.Subscription;
import dev.mq.client.internal.RecordDecoder;
import dev.mq.message.MessageIds;
import dev.mq.message.PropertyNames;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.QueryMessageHeader;
import dev.mq.protocol.header.TopicHeader;
import dev.mq.protocol.header.ViewMessageHeader;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Message search (by key, by id, by topic and time range) and per-group delivery tracks. Searches ask
 * every broker of the topic at once; reads by time read every queue at once.
 */
final class MessageOps {

    /** What one QUERY_MESSAGE returns at most (our broker's and Apache's default cap). */
    static final int QUERY_MAX = 64;
    /** Most messages a search by time returns. */
    static final int TIME_MAX = 10_000;
    private static final int READ_BATCH = 32;

    private final AdminContext context;
    private final QueueReads queues;

    MessageOps(AdminContext context) {
        this.context = context;
        this.queues = new QueueReads(context.calls());
    }

    // ---- by key and by id ----

    /** QUERY_MESSAGE on one broker; an empty list for QUERY_NOT_FOUND. */
    private CompletableFuture<List<ReceivedMessage>> query(Target broker, String topic, String key, boolean unique,
                                                           long from, long to) {
        return context.calls().ask(broker, RequestCode.QUERY_MESSAGE, new QueryMessageHeader(topic, key, QUERY_MAX, from,
                        to, unique), null, "of topic " + topic + " by " + (unique ? "id " : "key ") + key,
                code -> code == ResponseCode.SUCCESS || code == ResponseCode.QUERY_NOT_FOUND,
                response -> response.code() == ResponseCode.SUCCESS ? RecordDecoder.decodeAll(response.body()) : List.of());
    }

    CompletableFuture<MessageSearch> byKey(String topic, String key, Instant from, Instant to) {
        return context.existingRoute(topic).thenCompose(route -> {
            List<CompletableFuture<List<ReceivedMessage>>> parts = AdminContext.masters(route).stream()
                    .map(broker -> query(broker, topic, key, false, from.toEpochMilli(), to.toEpochMilli())).toList();
            return Gathered.all(parts).thenApply(gathered -> {
                boolean truncated = gathered.values().stream().anyMatch(found -> found.size() >= QUERY_MAX);
                // the key index matches hashes: keep only messages that really carry the key, stored in range
                List<ReceivedMessage> matching = gathered.values().stream().flatMap(List::stream)
                        .filter(m -> m.keys().contains(key))
                        .filter(m -> !m.storeTimestamp().isBefore(from) && !m.storeTimestamp().isAfter(to)).toList();
                return search(matching, truncated, gathered.issues());
            });
        });
    }

    CompletableFuture<MessageSearch> byId(String topic, String id) {
        record Where(TopicRouteData route, ClusterSnapshot cluster) {
        }
        return context.existingRoute(topic).thenCombine(context.cluster(), Where::new)
                .thenCompose(where -> {
                    TopicRouteData route = where.route();
                    ClusterSnapshot cluster = where.cluster();
                    List<CompletableFuture<List<ReceivedMessage>>> asks = new ArrayList<>();
                    for (Target broker : AdminContext.masters(route)) {
                        asks.add(query(broker, topic, id, true, 0, Long.MAX_VALUE)
                                .thenApply(found -> found.stream().filter(m -> id.equals(m.messageId())).toList()));
                    }
                    Target storedAt = storeHostOf(id, cluster);
                    if (storedAt != null) {
                        asks.add(context.calls().ask(storedAt, RequestCode.VIEW_MESSAGE_BY_ID,
                                new ViewMessageHeader(MessageIds.commitLogOffset(id), topic), null, "of id " + id,
                                code -> true, response -> response.code() == ResponseCode.SUCCESS
                                        ? RecordDecoder.decodeAll(response.body()) : List.<ReceivedMessage>of())
                                .thenApply(found -> found.stream().filter(m -> id.equals(m.offsetMessageId()))
                                        .toList()));
                    }
                    return Gathered.all(asks).thenApply(gathered -> search(gathered.values().stream()
                            .flatMap(List::stream).toList(), false, gathered.issues()));
                });
    }

    /** The broker member an offset message id points at, when the id is one and names a known broker. */
    private static Target storeHostOf(String id, ClusterSnapshot cluster) {
        try {
            InetSocketAddress host = MessageIds.storeHost(id);
            String address = host.getAddress().getHostAddress() + ":" + host.getPort();
            String broker = cluster.brokerAt(address);
            return broker == null ? null : new Target(broker, address);
        } catch (IllegalArgumentException notAnOffsetId) {
            return null;
        }
    }

    private static MessageSearch search(List<ReceivedMessage> found, boolean truncated, List<BrokerIssue> issues) {
        Map<String, ReceivedMessage> unique = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(ReceivedMessage::storeTimestamp))
                .forEach(m -> unique.putIfAbsent(m.offsetMessageId(), m));
        return new MessageSearch(List.copyOf(unique.values()), truncated, issues);
    }

    // ---- by time ----

    CompletableFuture<MessageSearch> byTime(String topic, Instant from, Instant to, int max) {
        if (max < 1 || max > TIME_MAX) {
            return CompletableFuture.failedFuture(new MqClientException("a search by time returns 1.." + TIME_MAX
                    + " messages, not " + max));
        }
        return context.existingRoute(topic).thenCompose(route -> {
            List<CompletableFuture<QueueMessages>> parts = new ArrayList<>();
            for (Target broker : AdminContext.masters(route)) {
                for (QueueData data : route.queueDatas()) {
                    if (data.brokerName().equals(broker.broker()) && (data.perm() & 4) != 0) {
                        for (int id = 0; id < data.readQueueNums(); id++) {
                            QueueRef queue = new QueueRef(topic, broker.broker(), id);
                            parts.add(queues.offsetAt(broker, queue, from.toEpochMilli()).thenCompose(start ->
                                    readUntil(broker, queue, start, from, to, max, new ArrayList<>())));
                        }
                    }
                }
            }
            return Gathered.all(parts).thenApply(gathered -> {
                List<ReceivedMessage> all = gathered.values().stream().flatMap(q -> q.messages().stream())
                        .sorted(Comparator.comparing(ReceivedMessage::storeTimestamp)).toList();
                boolean truncated = all.size() > max || gathered.values().stream().anyMatch(QueueMessages::more);
                return new MessageSearch(all.size() > max ? all.subList(0, max) : all, truncated,
                        AdminContext.collapse(gathered.issues()));
            });
        });
    }

    /** Messages of one queue in the range, and whether the queue holds more in it than were read. */
    private record QueueMessages(List<ReceivedMessage> messages, boolean more) {
    }

    private CompletableFuture<QueueMessages> readUntil(Target broker, QueueRef queue, long offset, Instant from,
                                                       Instant to, int max, List<ReceivedMessage> read) {
        return queues.read(broker, queue, offset, READ_BATCH).thenCompose(batch -> {
            boolean past = false;
            for (ReceivedMessage message : batch.messages()) {
                if (message.storeTimestamp().isAfter(to)) {
                    past = true;
                    break;
                }
                if (!message.storeTimestamp().isBefore(from)) {
                    read.add(message);
                }
            }
            if (read.size() >= max) {
                return CompletableFuture.completedFuture(new QueueMessages(read.subList(0, max),
                        read.size() > max || !past));
            }
            if (past || batch.messages().isEmpty() || batch.nextOffset() <= offset) {
                return CompletableFuture.completedFuture(new QueueMessages(read, false));
            }
            return readUntil(broker, queue, batch.nextOffset(), from, to, max, read);
        });
    }

    // ---- delivery tracks ----

    CompletableFuture<List<MessageTrack>> track(ReceivedMessage message) {
        if (message.systemProperties().containsKey(PropertyNames.RETRY_TOPIC)) {
            return CompletableFuture.completedFuture(List.of(new MessageTrack("*", MessageTrack.Status.UNKNOWN,
                    "this is a retry copy of a message (stored in a retry topic); track the original message")));
        }
        String topic = message.topic();
        return context.cluster().thenCompose(cluster -> {
            Target broker = storeHostOf(message.offsetMessageId(), cluster);
            if (broker == null) {
                throw new CompletionException(new MqClientException("no registered broker stores message "
                        + message.messageId() + " (its offset message id " + message.offsetMessageId()
                        + " names no known broker address)"));
            }
            QueueRef queue = new QueueRef(topic, broker.broker(), message.queueId());
            return context.calls().ask(broker, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, new TopicHeader(topic), null,
                            "of topic " + topic, response -> Bodies.names(response.body(), "groupList"))
                    .thenCompose(groups -> GroupOps.allOf(groups.stream()
                            .map(group -> trackOne(broker, group, queue, message)).toList()));
        });
    }

    private CompletableFuture<MessageTrack> trackOne(Target broker, String group, QueueRef queue, ReceivedMessage message) {
        CompletableFuture<Bodies.Connections> online = context.calls().ask(broker,
                RequestCode.GET_CONSUMER_CONNECTION_LIST, new ConsumerGroupHeader(group), null, "of group " + group,
                code -> code == ResponseCode.SUCCESS || code == ResponseCode.CONSUMER_NOT_ONLINE,
                response -> response.code() == ResponseCode.SUCCESS && response.body() != null
                        ? Bodies.connections(response.body()) : null);
        CompletableFuture<OptionalLong> committed = queues.committedOffset(broker, group, queue);
        return online.thenCombine(committed, (connections, offset) -> {
            long at = message.queueOffset();
            if (connections != null && "BROADCASTING".equals(connections.messageModel())) {
                return new MessageTrack(group, MessageTrack.Status.UNKNOWN,
                        "a broadcasting group keeps its offsets in its clients");
            }
            Subscription subscription = connections == null ? null : connections.subscriptions().get(queue.topic());
            if (subscription != null && !subscription.accepts(message.tags())) {
                return new MessageTrack(group, MessageTrack.Status.FILTERED, "the subscription '"
                        + subscription.expression() + "' does not take tag " + message.tags());
            }
            if (offset.isPresent() && offset.getAsLong() > at) {
                return new MessageTrack(group, MessageTrack.Status.CONSUMED, "committed offset " + offset.getAsLong()
                        + " of " + queue + " is past the message's offset " + at);
            }
            String position = offset.isPresent() ? "committed offset " + offset.getAsLong() + " of " + queue
                    + " has not passed the message's offset " + at : "no committed offset on " + queue;
            return connections == null || connections.clients().isEmpty()
                    ? new MessageTrack(group, MessageTrack.Status.NOT_ONLINE, "no client is online; " + position)
                    : new MessageTrack(group, MessageTrack.Status.NOT_CONSUMED_YET, position);
        }).exceptionally(error -> new MessageTrack(group, MessageTrack.Status.UNKNOWN,
                CallFailed.issueOf(error, broker.broker(), broker.address(), "track").toString()));
    }
}
