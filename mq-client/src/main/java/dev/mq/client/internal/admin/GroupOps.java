package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.ConsumeType;
import dev.mq.client.admin.ConsumerClient;
import dev.mq.client.admin.ConsumerGroupListing;
import dev.mq.client.admin.ConsumerGroupSummary;
import dev.mq.client.admin.ConsumerRunningInfo;
import dev.mq.client.admin.GroupDetail;
import dev.mq.client.admin.Lag;
import dev.mq.client.admin.MessageModel;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.QueueProgress;
import dev.mq.client.admin.QueueRef;
import dev.mq.client.admin.QueueStatus;
import dev.mq.client.admin.Subscription;
import dev.mq.client.admin.WriteResult;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.header.ConsumerGroupHeader;
import dev.mq.protocol.header.DeleteSubscriptionGroupHeader;
import dev.mq.protocol.header.GetConsumeStatsHeader;
import dev.mq.protocol.header.GetConsumeStatsInBrokerHeader;
import dev.mq.protocol.header.GetConsumerRunningInfoHeader;
import dev.mq.protocol.header.GroupHeader;
import dev.mq.protocol.header.QueryConsumeTimeSpanHeader;
import dev.mq.protocol.header.TopicHeader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Consumer groups: the list with total lags, one group in detail, the topics of a group, a client's
 * running info, deleting a group.
 *
 * <p><b>Lag.</b> Brokers report a group's offset per queue (GET_CONSUME_STATS) as 0 both when the
 * group committed 0 and when it never committed there. Where that matters (a queue holding messages)
 * the offset is asked again with {@code setZeroIfNotFound=false}, which tells the two apart. A queue
 * without a committed offset lags by its whole content when it still starts at offset 0 (both our
 * broker and Apache's start a new group at 0 there, unless it consumes from a timestamp), and by an
 * unknown amount otherwise. Broadcasting groups keep offsets in their clients: unknown. Lags are
 * never negative: a committed offset beyond the queue's end counts as no lag.
 */
final class GroupOps {

    private static final Set<String> SYSTEM_GROUPS = Set.of("TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP",
            "CID_ONS-HTTP-PROXY", "CID_SYS_RMQ_TRANS", "__MONITOR_CONSUMER", "DEFAULT_CONSUMER");

    private final AdminContext context;
    private final QueueReads queues;

    GroupOps(AdminContext context) {
        this.context = context;
        this.queues = new QueueReads(context.calls());
    }

    /** Whether a group is one of the brokers' own. */
    static boolean isSystemGroup(String group) {
        return SYSTEM_GROUPS.contains(group) || group.startsWith("CID_RMQ_SYS_") || group.startsWith("CID_ONSAPI_");
    }

    // ---- what one broker says about a group ----

    /** GET_CONSUMER_CONNECTION_LIST: the group's connections on this broker, or null when offline there. */
    private CompletableFuture<Bodies.Connections> connections(Target broker, String group) {
        return context.calls().ask(broker, RequestCode.GET_CONSUMER_CONNECTION_LIST, new ConsumerGroupHeader(group), null,
                "of group " + group, code -> code == ResponseCode.SUCCESS || code == ResponseCode.CONSUMER_NOT_ONLINE,
                response -> response.code() == ResponseCode.SUCCESS && response.body() != null
                        ? Bodies.connections(response.body()) : null);
    }

    /** GET_CONSUME_STATS of the group on this broker, for all its topics or one. */
    private CompletableFuture<List<Bodies.OffsetRow>> consumeStats(Target broker, String group, String topic) {
        return context.calls().ask(broker, RequestCode.GET_CONSUME_STATS, new GetConsumeStatsHeader(group, topic), null,
                "of group " + group + (topic == null ? "" : " on topic " + topic),
                response -> Bodies.consumeStats(response.body()));
    }

    /** One queue with the group's committed offset told apart from "none" (see the class comment). */
    record Resolved(Target broker, Bodies.OffsetRow row, OptionalLong committed, long minOffset) {
    }

    /**
     * Resolves a row: a consumer offset above 0 is committed; a 0 is asked again when the queue holds
     * messages (always when {@code exactOffsets}), and the min offset is asked where the group has none.
     */
    private CompletableFuture<Resolved> resolve(Target broker, String group, Bodies.OffsetRow row, long knownMin,
                                                boolean exactOffsets, Throttle throttle) {
        if (row.consumerOffset() > 0 || (row.brokerOffset() == 0 && !exactOffsets)) {
            OptionalLong committed = row.consumerOffset() >= 0 ? OptionalLong.of(row.consumerOffset())
                    : OptionalLong.empty();
            return CompletableFuture.completedFuture(new Resolved(broker, row, committed, knownMin));
        }
        return throttle.submit(() -> queues.committedOffset(broker, group, row.queue())).thenCompose(committed -> {
            if (committed.isPresent() || row.brokerOffset() == 0 || knownMin >= 0) {
                return CompletableFuture.completedFuture(new Resolved(broker, row, committed, knownMin));
            }
            return throttle.submit(() -> queues.minOffset(broker, row.queue()))
                    .thenApply(min -> new Resolved(broker, row, committed, min));
        });
    }

    /** The lag of a resolved queue; see the class comment. */
    static Lag lag(Resolved queue, boolean broadcasting, String consumeFromWhere) {
        if (broadcasting) {
            return Lag.UNKNOWN;
        }
        long brokerOffset = queue.row().brokerOffset();
        long min = Math.max(0, queue.minOffset());
        if (queue.committed().isPresent()) {
            return Lag.between(brokerOffset, Math.max(queue.committed().getAsLong(), min));
        }
        if (brokerOffset <= min) {
            return Lag.ZERO;
        }
        if (queue.minOffset() == 0 && !"CONSUME_FROM_TIMESTAMP".equals(consumeFromWhere)) {
            return Lag.of(brokerOffset);
        }
        return Lag.UNKNOWN;
    }

    // ---- the list ----

    CompletableFuture<ConsumerGroupListing> list() {
        return context.cluster().thenCompose(cluster -> {
            List<Target> masters = cluster.masters();
            List<CompletableFuture<Set<String>>> perBroker = masters.stream().map(master -> context.calls().ask(master,
                    RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null, null, "",
                    response -> Bodies.subscriptionGroups(response.body()))).toList();
            // every group's consume stats in one request per broker; one per group only where a broker does not
            // offer it (empty: REQUEST_CODE_NOT_SUPPORTED)
            List<CompletableFuture<Optional<Map<String, List<Bodies.OffsetRow>>>>> bulk = masters.stream()
                    .map(master -> context.calls().ask(master, RequestCode.GET_BROKER_CONSUME_STATS,
                            new GetConsumeStatsInBrokerHeader(false), null, "", GroupOps::successOrNotSupported,
                            response -> response.code() == ResponseCode.SUCCESS
                                    ? Optional.of(Bodies.brokerConsumeStats(response.body()))
                                    : Optional.<Map<String, List<Bodies.OffsetRow>>>empty()))
                    .toList();
            return Gathered.all(perBroker).thenCombine(allSettled(bulk), (known, done) -> known).thenCompose(known -> {
                Map<String, List<Target>> brokersOf = new TreeMap<>();
                Map<Target, CompletableFuture<Optional<Map<String, List<Bodies.OffsetRow>>>>> statsOf = new HashMap<>();
                List<BrokerIssue> bulkIssues = new ArrayList<>();
                for (int i = 0; i < masters.size(); i++) {
                    CompletableFuture<Set<String>> groups = perBroker.get(i);
                    if (groups.isCompletedExceptionally()) {
                        continue; // already an issue; its bulk answer (if any) is not used
                    }
                    for (String group : groups.join()) {
                        brokersOf.computeIfAbsent(group, g -> new ArrayList<>()).add(masters.get(i));
                    }
                    statsOf.put(masters.get(i), bulk.get(i));
                    if (bulk.get(i).isCompletedExceptionally()) {
                        bulkIssues.add(CallFailed.issueOf(bulk.get(i).handle((v, e) -> e).join(), masters.get(i).broker(),
                                masters.get(i).address(), Calls.operation(RequestCode.GET_BROKER_CONSUME_STATS, "")));
                    }
                }
                Throttle throttle = new Throttle(AdminContext.FAN_OUT_LIMIT);
                List<CompletableFuture<Summary>> summaries = new ArrayList<>();
                brokersOf.forEach((group, brokers) -> summaries.add(summary(group, brokers, statsOf, throttle)));
                return Gathered.all(summaries).thenApply(gathered -> {
                    List<ConsumerGroupSummary> groups = new ArrayList<>();
                    List<BrokerIssue> issues = new ArrayList<>(known.issues());
                    issues.addAll(bulkIssues);
                    boolean brokerMissing = !known.issues().isEmpty();
                    for (Summary summary : gathered.values()) {
                        ConsumerGroupSummary s = summary.summary();
                        groups.add(brokerMissing ? new ConsumerGroupSummary(s.group(), s.system(), s.onlineClients(),
                                s.consumeType(), s.messageModel(), s.totalLag().plus(Lag.UNKNOWN), s.brokers()) : s);
                        issues.addAll(summary.issues());
                    }
                    issues.addAll(gathered.issues());
                    return new ConsumerGroupListing(groups, AdminContext.collapse(issues));
                });
            });
        });
    }

    /** Accepts an answer, or REQUEST_CODE_NOT_SUPPORTED of a broker without the request (then a fallback is used). */
    static boolean successOrNotSupported(int code) {
        return code == ResponseCode.SUCCESS || code == ResponseCode.REQUEST_CODE_NOT_SUPPORTED;
    }

    private record Summary(ConsumerGroupSummary summary, List<BrokerIssue> issues) {
    }

    /**
     * One group of the list. Its rows per broker come from that broker's GET_BROKER_CONSUME_STATS answer, or
     * from GET_CONSUME_STATS of the group where the broker does not offer it; a broker whose answer failed
     * (reported once by the list) makes the total a lower bound. Both leave out topics an online group
     * subscribes to without offsets there: those are asked per topic, as the detail does.
     */
    private CompletableFuture<Summary> summary(String group, List<Target> brokers,
                                               Map<Target, CompletableFuture<Optional<Map<String, List<Bodies.OffsetRow>>>>> statsOf,
                                               Throttle throttle) {
        List<CompletableFuture<Bodies.Connections>> online = brokers.stream()
                .map(broker -> throttle.submit(() -> connections(broker, group))).toList();
        List<CompletableFuture<List<Resolved>>> stats = new ArrayList<>();
        boolean bulkFailed = false;
        for (int i = 0; i < brokers.size(); i++) {
            Target broker = brokers.get(i);
            CompletableFuture<Optional<Map<String, List<Bodies.OffsetRow>>>> bulk = statsOf.get(broker);
            if (bulk.isCompletedExceptionally()) {
                bulkFailed = true;
                continue;
            }
            Optional<Map<String, List<Bodies.OffsetRow>>> answer = bulk.join();
            CompletableFuture<List<Bodies.OffsetRow>> rows = answer.isPresent()
                    ? CompletableFuture.completedFuture(answer.get().getOrDefault(group, List.of()))
                    : throttle.submit(() -> consumeStats(broker, group, null));
            CompletableFuture<Bodies.Connections> connections = online.get(i).exceptionally(error -> null);
            stats.add(rows.thenCompose(found -> connections.thenCompose(onlineHere ->
                            withSubscribedTopics(broker, group, found, onlineHere, throttle)))
                    .thenCompose(all -> allOf(all.stream().map(row -> resolve(broker, group, row, -1, false, throttle))
                            .toList())));
        }
        boolean someUnanswered = bulkFailed;
        return Gathered.all(online).thenCombine(Gathered.all(stats), (connections, resolved) -> {
            Merged merged = Merged.of(connections.values());
            List<Lag> lags = new ArrayList<>();
            for (List<Resolved> queues : resolved.values()) {
                for (Resolved queue : queues) {
                    lags.add(lag(queue, merged.broadcasting(), merged.consumeFromWhere()));
                }
            }
            resolved.issues().forEach(issue -> lags.add(Lag.UNKNOWN));
            if (someUnanswered) {
                lags.add(Lag.UNKNOWN);
            }
            Lag total = lags.isEmpty() ? Lag.UNKNOWN : Lag.sum(lags);
            List<BrokerIssue> issues = new ArrayList<>(connections.issues());
            issues.addAll(resolved.issues());
            Set<String> names = new TreeSet<>();
            brokers.forEach(b -> names.add(b.broker()));
            return new Summary(new ConsumerGroupSummary(group, isSystemGroup(group), merged.clients().size(),
                    merged.consumeType(), merged.messageModel(), total, names), issues);
        });
    }

    /**
     * The rows of a broker plus those of the topics the group's online clients there subscribe to that the
     * rows leave out (GET_CONSUME_STATS of the group on each such topic; empty where the broker lacks it).
     */
    private CompletableFuture<List<Bodies.OffsetRow>> withSubscribedTopics(Target broker, String group,
                                                                          List<Bodies.OffsetRow> rows,
                                                                          Bodies.Connections online, Throttle throttle) {
        if (online == null) {
            return CompletableFuture.completedFuture(rows);
        }
        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.queue().topic()));
        List<CompletableFuture<List<Bodies.OffsetRow>>> extra = online.subscriptions().keySet().stream()
                .filter(topic -> !covered.contains(topic))
                .map(topic -> throttle.submit(() -> consumeStats(broker, group, topic))).toList();
        if (extra.isEmpty()) {
            return CompletableFuture.completedFuture(rows);
        }
        return allOf(extra).thenApply(more -> {
            List<Bodies.OffsetRow> all = new ArrayList<>(rows);
            more.forEach(all::addAll);
            return all;
        });
    }

    /** What the brokers' connection lists say together (a client may be connected to several). */
    private record Merged(List<ConsumerClient> clients, Map<String, Target> clientBroker, Optional<ConsumeType> consumeType,
                          Optional<MessageModel> messageModel, String consumeFromWhere,
                          Map<String, Subscription> subscriptions) {

        static Merged of(List<Bodies.Connections> connections) {
            return of(connections, List.of());
        }

        static Merged of(List<Bodies.Connections> connections, List<Target> brokers) {
            Map<String, ConsumerClient> clients = new TreeMap<>();
            Map<String, Target> clientBroker = new HashMap<>();
            Map<String, Subscription> subscriptions = new TreeMap<>();
            String type = null;
            String model = null;
            String from = null;
            for (int i = 0; i < connections.size(); i++) {
                Bodies.Connections c = connections.get(i);
                if (c == null) {
                    continue;
                }
                for (ConsumerClient client : c.clients()) {
                    if (client.clientId() != null) {
                        clients.putIfAbsent(client.clientId(), client);
                        if (i < brokers.size()) {
                            clientBroker.putIfAbsent(client.clientId(), brokers.get(i));
                        }
                    }
                }
                subscriptions.putAll(c.subscriptions());
                type = type == null ? c.consumeType() : type;
                model = model == null ? c.messageModel() : model;
                from = from == null ? c.consumeFromWhere() : from;
            }
            return new Merged(List.copyOf(clients.values()), clientBroker, ConsumeType.fromWire(type),
                    MessageModel.fromWire(model), from, subscriptions);
        }

        boolean broadcasting() {
            return messageModel.orElse(null) == MessageModel.BROADCASTING;
        }
    }

    // ---- one group in detail ----

    CompletableFuture<GroupDetail> detail(String group) {
        return context.cluster().thenCompose(cluster -> {
            List<Target> masters = cluster.masters();
            List<CompletableFuture<Bodies.Connections>> online = masters.stream()
                    .map(broker -> connections(broker, group)).toList();
            List<CompletableFuture<List<Bodies.OffsetRow>>> stats = masters.stream()
                    .map(broker -> consumeStats(broker, group, null)).toList();
            return Gathered.all(online).thenCombine(Gathered.all(stats), (connections, rows) -> {
                List<Bodies.Connections> answered = new ArrayList<>();
                List<Target> answeredBrokers = new ArrayList<>();
                for (int i = 0; i < masters.size(); i++) {
                    if (!online.get(i).isCompletedExceptionally()) {
                        answered.add(online.get(i).join());
                        answeredBrokers.add(masters.get(i));
                    }
                }
                Map<Target, List<Bodies.OffsetRow>> byBroker = new LinkedHashMap<>();
                for (int i = 0; i < masters.size(); i++) {
                    if (!stats.get(i).isCompletedExceptionally()) {
                        byBroker.put(masters.get(i), stats.get(i).join());
                    }
                }
                List<BrokerIssue> issues = new ArrayList<>(connections.issues());
                issues.addAll(rows.issues());
                return new DetailParts(group, cluster, Merged.of(answered, answeredBrokers), byBroker, issues);
            }).thenCompose(this::addSubscribedTopics).thenCompose(this::assemble);
        });
    }

    private record DetailParts(String group, ClusterSnapshot cluster, Merged merged,
                               Map<Target, List<Bodies.OffsetRow>> rows, List<BrokerIssue> issues) {
    }

    /**
     * Topics the online clients subscribe to that the brokers' consume stats left out (Apache lists
     * only topics with committed offsets): asked per topic of the brokers holding it.
     */
    private CompletableFuture<DetailParts> addSubscribedTopics(DetailParts parts) {
        Set<String> covered = new TreeSet<>();
        parts.rows().values().forEach(rows -> rows.forEach(row -> covered.add(row.queue().topic())));
        List<String> missing = parts.merged().subscriptions().keySet().stream().filter(t -> !covered.contains(t)).toList();
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(parts);
        }
        List<CompletableFuture<Map<Target, List<Bodies.OffsetRow>>>> perTopic = new ArrayList<>();
        for (String topic : missing) {
            perTopic.add(context.route(topic).thenCompose(route -> {
                if (route == null) {
                    return CompletableFuture.completedFuture(Map.<Target, List<Bodies.OffsetRow>>of());
                }
                List<Target> holders = AdminContext.masters(route);
                List<CompletableFuture<List<Bodies.OffsetRow>>> asks = holders.stream()
                        .map(broker -> consumeStats(broker, parts.group(), topic)).toList();
                return allOf(asks).thenApply(answers -> {
                    Map<Target, List<Bodies.OffsetRow>> found = new LinkedHashMap<>();
                    for (int i = 0; i < holders.size(); i++) {
                        found.put(holders.get(i), answers.get(i));
                    }
                    return found;
                });
            }));
        }
        return Gathered.all(perTopic).thenApply(gathered -> {
            Map<Target, List<Bodies.OffsetRow>> rows = new LinkedHashMap<>();
            parts.rows().forEach((broker, list) -> rows.put(broker, new ArrayList<>(list)));
            for (Map<Target, List<Bodies.OffsetRow>> found : gathered.values()) {
                found.forEach((broker, list) -> rows.computeIfAbsent(broker, b -> new ArrayList<>()).addAll(list));
            }
            List<BrokerIssue> issues = new ArrayList<>(parts.issues());
            issues.addAll(gathered.issues());
            return new DetailParts(parts.group(), parts.cluster(), parts.merged(), rows, issues);
        });
    }

    private CompletableFuture<GroupDetail> assemble(DetailParts parts) {
        String group = parts.group();
        Throttle throttle = new Throttle(AdminContext.FAN_OUT_LIMIT);
        // min offsets per queue from the topics' stats (one request per broker and topic)
        Map<Target, Set<String>> topicsByBroker = new LinkedHashMap<>();
        parts.rows().forEach((broker, rows) -> rows.forEach(row ->
                topicsByBroker.computeIfAbsent(broker, b -> new TreeSet<>()).add(row.queue().topic())));
        List<CompletableFuture<List<QueueStatus>>> statusParts = new ArrayList<>();
        topicsByBroker.forEach((broker, topics) -> topics.forEach(topic -> statusParts.add(throttle.submit(() ->
                context.calls().ask(broker, RequestCode.GET_TOPIC_STATS_INFO, new TopicHeader(topic), null,
                        "of topic " + topic, response -> Bodies.topicStats(response.body()))))));
        return Gathered.all(statusParts).thenCompose(statuses -> {
            Map<QueueRef, Long> mins = new HashMap<>();
            statuses.values().forEach(list -> list.forEach(status -> mins.put(status.queue(), status.minOffset())));
            List<CompletableFuture<Resolved>> resolving = new ArrayList<>();
            parts.rows().forEach((broker, rows) -> rows.forEach(row -> resolving.add(
                    resolve(broker, group, row, mins.getOrDefault(row.queue(), -1L), true, throttle))));
            List<BrokerIssue> issues = new ArrayList<>(parts.issues());
            issues.addAll(statuses.issues());
            return Gathered.all(resolving).thenCompose(resolved -> {
                issues.addAll(resolved.issues());
                List<Resolved> queues = new ArrayList<>(resolved.values());
                queues.sort(Comparator.comparing(q -> q.row().queue()));
                List<QueueRef> refs = queues.stream().map(q -> q.row().queue()).toList();
                return ages(group, queues, parts.merged(), throttle).thenCombine(owners(group, parts.merged(), refs),
                        (ages, owners) -> {
                            issues.addAll(ages.issues());
                            issues.addAll(owners.issues());
                            return build(parts, queues, ages.values().isEmpty() ? Map.of() : ages.values().get(0),
                                    owners.values().isEmpty() ? Map.of() : owners.values().get(0), issues);
                        });
            });
        });
    }

    private GroupDetail build(DetailParts parts, List<Resolved> queues, Map<QueueRef, Duration> ages,
                              Map<QueueRef, Owner> owners, List<BrokerIssue> issues) {
        Merged merged = parts.merged();
        List<QueueProgress> progress = new ArrayList<>();
        List<Lag> lags = new ArrayList<>();
        boolean ageUnknown = false;
        Duration oldest = Duration.ZERO;
        for (Resolved queue : queues) {
            QueueRef ref = queue.row().queue();
            Lag lag = lag(queue, merged.broadcasting(), merged.consumeFromWhere());
            lags.add(lag);
            Optional<Duration> age;
            if (lag.isExact() && lag.messages() == 0) {
                age = Optional.of(Duration.ZERO);
            } else {
                age = Optional.ofNullable(ages.get(ref));
            }
            if (age.isEmpty()) {
                ageUnknown = true;
            } else if (age.get().compareTo(oldest) > 0) {
                oldest = age.get();
            }
            Owner owner = owners.get(ref);
            progress.add(new QueueProgress(ref, queue.row().brokerOffset(),
                    merged.broadcasting() ? OptionalLong.empty() : queue.committed(), lag,
                    owner == null ? Optional.empty() : Optional.of(owner.clientId()),
                    Bodies.instant(queue.row().lastTimestamp()),
                    owner == null ? Optional.empty() : owner.lastConsumeTime(), age));
        }
        boolean statsMissing = parts.issues().stream().anyMatch(issue -> issue.operation().startsWith("GET_CONSUME_STATS"));
        if (statsMissing) {
            lags.add(Lag.UNKNOWN);
            ageUnknown = true;
        }
        Lag total = lags.isEmpty() ? (merged.clients().isEmpty() ? Lag.UNKNOWN : Lag.ZERO) : Lag.sum(lags);
        return new GroupDetail(parts.group(), merged.clients(), merged.consumeType(), merged.messageModel(),
                Optional.ofNullable(merged.consumeFromWhere()), List.copyOf(merged.subscriptions().values()), progress,
                total, ageUnknown ? Optional.empty() : Optional.of(oldest), AdminContext.collapse(issues));
    }

    /**
     * Backlog ages of the lagging queues: QUERY_CONSUME_TIME_SPAN ({@code delayTime}) per broker and topic;
     * for a queue it does not cover, a queue without a committed offset, or a broker that answers
     * REQUEST_CODE_NOT_SUPPORTED, the store time of the oldest unconsumed message, read from the queue (its
     * earliest message when the group never committed there). One map in a gathered list.
     */
    private CompletableFuture<Gathered<Map<QueueRef, Duration>>> ages(String group, List<Resolved> queues,
                                                                      Merged merged, Throttle throttle) {
        Map<String, List<Resolved>> lagging = new LinkedHashMap<>(); // by broker + topic
        for (Resolved queue : queues) {
            Lag lag = lag(queue, merged.broadcasting(), merged.consumeFromWhere());
            if (lag.isExact() && lag.messages() > 0) {
                lagging.computeIfAbsent(queue.broker().broker() + "\u0000" + queue.row().queue().topic(),
                        k -> new ArrayList<>()).add(queue);
            }
        }
        List<Resolved> asked = new ArrayList<>();
        List<CompletableFuture<Duration>> ages = new ArrayList<>();
        for (List<Resolved> sameTopic : lagging.values()) {
            Target broker = sameTopic.get(0).broker();
            String topic = sameTopic.get(0).row().queue().topic();
            // where the broker does not offer it, the oldest unconsumed message is read instead; any other
            // failure leaves these queues' ages unknown (an issue each, merged per broker)
            CompletableFuture<Map<QueueRef, Long>> spans = throttle.submit(() -> context.calls().ask(broker,
                    RequestCode.QUERY_CONSUME_TIME_SPAN, new QueryConsumeTimeSpanHeader(topic, group), null,
                    "of group " + group + " on topic " + topic, GroupOps::successOrNotSupported,
                    response -> response.code() == ResponseCode.SUCCESS ? Bodies.delays(response.body())
                            : Map.<QueueRef, Long>of()));
            for (Resolved queue : sameTopic) {
                QueueRef ref = queue.row().queue();
                asked.add(queue);
                ages.add(spans.thenCompose(delays -> {
                    Long delay = queue.committed().isEmpty() ? null : delays.get(ref);
                    if (delay != null && delay > 0) {
                        return CompletableFuture.completedFuture(Duration.ofMillis(delay));
                    }
                    return oldestUnconsumed(broker, queue, throttle).thenApply(storeTime ->
                            Duration.ofMillis(Math.max(0, context.clock().millis() - storeTime)));
                }));
            }
        }
        return Gathered.all(ages, (index, error) -> CallFailed.issueOf(error, asked.get(index).broker().broker(),
                asked.get(index).broker().address(), "backlog age of group " + group + " on "
                        + asked.get(index).row().queue())).thenApply(gathered -> {
                            Map<QueueRef, Duration> known = new HashMap<>();
                            for (int i = 0; i < ages.size(); i++) {
                                if (!ages.get(i).isCompletedExceptionally()) {
                                    known.put(asked.get(i).row().queue(), ages.get(i).join());
                                }
                            }
                            return new Gathered<>(List.of(known), gathered.issues());
                        });
    }

    /** Store time of the first message the group has not consumed on this queue. */
    private CompletableFuture<Long> oldestUnconsumed(Target broker, Resolved queue, Throttle throttle) {
        QueueRef ref = queue.row().queue();
        if (queue.committed().isEmpty()) {
            return throttle.submit(() -> queues.earliestStoreTime(broker, ref)).thenApply(time -> {
                if (time <= 0) {
                    throw new CompletionException(new MqClientException("no store time for the oldest message of " + ref));
                }
                return time;
            });
        }
        long offset = Math.max(queue.committed().getAsLong(), Math.max(0, queue.minOffset()));
        return throttle.submit(() -> queues.read(broker, ref, offset, 1)).thenApply(batch -> {
            if (batch.messages().isEmpty()) {
                throw new CompletionException(new MqClientException("cannot read the message at offset " + offset
                        + " of " + ref));
            }
            return batch.messages().get(0).storeTimestamp().toEpochMilli();
        });
    }

    /** Which client holds a queue, and when it last consumed from it. */
    private record Owner(String clientId, Optional<Instant> lastConsumeTime) {
    }

    /** How many queues an "owner unknown" issue names before it only counts the rest. */
    private static final int QUEUES_NAMED = 16;

    /**
     * GET_CONSUMER_RUNNING_INFO of every online client (through a broker it is connected to): which queues
     * each holds. A client that does not answer (it cannot, refuses, or is too slow) leaves the owner of the
     * queues nobody else claimed unknown; its issue names those queues.
     */
    private CompletableFuture<Gathered<Map<QueueRef, Owner>>> owners(String group, Merged merged, List<QueueRef> queues) {
        List<CompletableFuture<ConsumerRunningInfo>> infos = new ArrayList<>();
        List<Target> asked = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (ConsumerClient client : merged.clients()) {
            Target broker = merged.clientBroker().get(client.clientId());
            if (broker != null) {
                infos.add(runningInfo(broker, group, client.clientId()));
                asked.add(broker);
                clients.add(client.clientId());
            }
        }
        return Gathered.all(infos, (index, error) -> CallFailed.issueOf(error, asked.get(index).broker(),
                asked.get(index).address(), Calls.operation(RequestCode.GET_CONSUMER_RUNNING_INFO, "of client "
                        + clients.get(index) + " of group " + group))).thenApply(gathered -> {
                            Map<QueueRef, Owner> owners = new TreeMap<>();
                            for (ConsumerRunningInfo info : gathered.values()) {
                                info.queues().forEach((queue, state) -> {
                                    if (!state.dropped()) {
                                        owners.put(queue, new Owner(info.clientId(), state.lastConsumeTime()));
                                    }
                                });
                            }
                            List<QueueRef> unowned = queues.stream().filter(q -> !owners.containsKey(q)).toList();
                            List<BrokerIssue> issues = gathered.issues().stream()
                                    .map(issue -> ownerUnknown(issue, unowned)).toList();
                            return new Gathered<>(List.of(owners), AdminContext.collapse(issues));
                        });
    }

    /** A client's failed running-info request, saying which queues' owner is therefore unknown. */
    private static BrokerIssue ownerUnknown(BrokerIssue failed, List<QueueRef> unowned) {
        if (unowned.isEmpty()) {
            return failed;
        }
        StringBuilder detail = new StringBuilder(failed.detail() == null ? "no answer" : failed.detail())
                .append("; the owning client of ").append(unowned.size()).append(unowned.size() == 1 ? " queue" : " queues")
                .append(" is unknown: ");
        for (int i = 0; i < Math.min(unowned.size(), QUEUES_NAMED); i++) {
            detail.append(i == 0 ? "" : ", ").append(unowned.get(i));
        }
        if (unowned.size() > QUEUES_NAMED) {
            detail.append(" and ").append(unowned.size() - QUEUES_NAMED).append(" more");
        }
        return new BrokerIssue(failed.broker(), failed.address(), failed.operation(), failed.kind(), detail.toString());
    }

    private CompletableFuture<ConsumerRunningInfo> runningInfo(Target broker, String group, String clientId) {
        return context.calls().ask(broker, RequestCode.GET_CONSUMER_RUNNING_INFO,
                new GetConsumerRunningInfoHeader(group, clientId, false), null, "of client " + clientId + " of group "
                        + group, response -> Bodies.runningInfo(response.body(), group, clientId));
    }

    /** A client's running info, relayed by a broker that lists the client among the group's connections. */
    CompletableFuture<ConsumerRunningInfo> runningInfo(String group, String clientId) {
        return context.cluster().thenCompose(cluster -> {
            List<Target> masters = cluster.masters();
            List<CompletableFuture<Bodies.Connections>> online = masters.stream().map(b -> connections(b, group)).toList();
            return allSettled(online).thenCompose(done -> {
                for (int i = 0; i < masters.size(); i++) {
                    CompletableFuture<Bodies.Connections> c = online.get(i);
                    if (!c.isCompletedExceptionally() && c.join() != null
                            && c.join().clients().stream().anyMatch(client -> clientId.equals(client.clientId()))) {
                        return runningInfo(masters.get(i), group, clientId);
                    }
                }
                throw new CompletionException(new MqClientException("client " + clientId + " of group " + group
                        + " is not connected to any broker"));
            });
        });
    }

    /**
     * The topics a group consumes, per master: those it holds offsets for (QUERY_TOPICS_BY_CONSUMER; where a
     * broker does not offer it, the topics of the group's consume stats) and those its online clients there
     * subscribe to (GET_CONSUMER_CONNECTION_LIST), which the offsets leave out until the group commits.
     */
    CompletableFuture<MqAdmin.NameSet> topicsOf(String group) {
        return context.cluster().thenCompose(cluster -> {
            List<CompletableFuture<Set<String>>> parts = new ArrayList<>();
            for (Target broker : cluster.masters()) {
                CompletableFuture<Set<String>> withOffsets = context.calls().ask(broker,
                                RequestCode.QUERY_TOPICS_BY_CONSUMER, new GroupHeader(group), null, "of group " + group,
                                GroupOps::successOrNotSupported, response -> response.code() == ResponseCode.SUCCESS
                                        ? Bodies.names(response.body(), "topicList") : null)
                        .thenCompose(names -> names != null ? CompletableFuture.completedFuture(names)
                                : consumeStats(broker, group, null).thenApply(rows -> {
                                    Set<String> topics = new TreeSet<>();
                                    rows.forEach(row -> topics.add(row.queue().topic()));
                                    return topics;
                                }));
                parts.add(withOffsets.thenCombine(connections(broker, group), (topics, online) -> {
                    Set<String> all = new TreeSet<>(topics);
                    if (online != null) {
                        all.addAll(online.subscriptions().keySet());
                    }
                    return all;
                }));
            }
            return Gathered.all(parts).thenApply(gathered -> new MqAdmin.NameSet(gathered.values().stream()
                    .flatMap(Set::stream).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                    gathered.issues()));
        });
    }

    /** DELETE_SUBSCRIPTIONGROUP (with its offsets) on every master. */
    CompletableFuture<WriteResult> delete(String group) {
        String operation = "delete consumer group " + group;
        return context.cluster().thenCompose(cluster -> TopicOps.write(operation, cluster.masters(),
                broker -> context.calls().ask(broker, RequestCode.DELETE_SUBSCRIPTIONGROUP, command -> {
                    new DeleteSubscriptionGroupHeader(group).writeTo(command);
                    command.putExt("cleanOffset", true);
                }, null, group, response -> broker.broker())));
    }

    // ---- futures ----

    /** All values in order; fails with the first failure. */
    static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Completes when all have completed, successfully or not. */
    static CompletableFuture<Void> allSettled(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.stream().map(f -> f.handle((v, e) -> null))
                .toArray(CompletableFuture[]::new));
    }
}
