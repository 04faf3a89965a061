package dev.mq.client.internal.admin;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.DeadLetter;
import dev.mq.client.admin.DeadLetterCursor;
import dev.mq.client.admin.DeadLetterGroup;
import dev.mq.client.admin.DeadLetterGroups;
import dev.mq.client.admin.DeadLetterPage;
import dev.mq.client.admin.QueueStatus;
import dev.mq.client.admin.ResendResult;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.ListDeadLettersHeader;
import dev.mq.protocol.header.ResendDeadLettersHeader;
import dev.mq.protocol.header.TopicHeader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Dead letters: which groups have them (from every master's topic configuration and the dead-letter
 * topics' stats), and through our server's extension requests LIST_DEAD_LETTERS (paging) and
 * RESEND_DEAD_LETTERS (re-send by id or range, no consumer needed). A group's dead-letter topic may
 * live on several brokers: each is asked at once and the answers are merged.
 */
final class DeadLetterOps {

    /** Most dead letters per page and per re-send request, as the broker allows. */
    static final int MAX_BATCH = 1000;

    private final AdminContext context;

    DeadLetterOps(AdminContext context) {
        this.context = context;
    }

    CompletableFuture<DeadLetterGroups> groups() {
        return context.cluster().thenCompose(cluster -> {
            List<Target> masters = cluster.masters();
            List<CompletableFuture<Map<String, Bodies.TopicConfigRow>>> configs = masters.stream()
                    .map(master -> context.calls().ask(master, RequestCode.GET_ALL_TOPIC_CONFIG, null, null, "",
                            response -> Bodies.topicConfigs(response.body()))).toList();
            return Gathered.all(configs).thenCompose(gathered -> {
                record Count(String group, String broker, CompletableFuture<Long> messages) {
                }
                List<Count> counts = new ArrayList<>();
                for (int i = 0; i < masters.size(); i++) {
                    if (configs.get(i).isCompletedExceptionally()) {
                        continue;
                    }
                    Target master = masters.get(i);
                    for (String topic : configs.get(i).join().keySet()) {
                        if (TopicNames.isDeadLetter(topic)) {
                            counts.add(new Count(topic.substring(TopicNames.DLQ_PREFIX.length()), master.broker(),
                                    context.calls().ask(master, RequestCode.GET_TOPIC_STATS_INFO, new TopicHeader(topic),
                                            null, "of topic " + topic, response -> Bodies.topicStats(response.body())
                                                    .stream().mapToLong(QueueStatus::messages).sum())));
                        }
                    }
                }
                return Gathered.all(counts.stream().map(Count::messages).toList()).thenApply(stats -> {
                    Map<String, Long> totals = new TreeMap<>();
                    Map<String, Set<String>> brokers = new HashMap<>();
                    for (Count count : counts) {
                        if (!count.messages().isCompletedExceptionally()) {
                            totals.merge(count.group(), count.messages().join(), Long::sum);
                            brokers.computeIfAbsent(count.group(), g -> new TreeSet<>()).add(count.broker());
                        }
                    }
                    List<DeadLetterGroup> groups = new ArrayList<>();
                    totals.forEach((group, total) -> {
                        if (total > 0) {
                            groups.add(new DeadLetterGroup(group, total, brokers.get(group)));
                        }
                    });
                    List<BrokerIssue> issues = new ArrayList<>(gathered.issues());
                    issues.addAll(stats.issues());
                    return new DeadLetterGroups(groups, AdminContext.collapse(issues));
                });
            });
        });
    }

    /** The masters holding the group's dead-letter topic, by broker name (empty when it has none). */
    private CompletableFuture<List<Target>> holders(String group) {
        return context.route(TopicNames.deadLetterTopic(group))
                .thenApply(route -> route == null ? List.of() : AdminContext.masters(route));
    }

    /** One broker's LIST_DEAD_LETTERS answer. */
    private record BrokerPage(Target broker, long minOffset, long maxOffset, long nextOffset, List<DeadLetter> messages) {
    }

    CompletableFuture<DeadLetterPage> page(String group, DeadLetterCursor cursor, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_BATCH) {
            return CompletableFuture.failedFuture(new MqClientException("the page size of dead letters must be 1.."
                    + MAX_BATCH + " but was " + pageSize));
        }
        return holders(group).thenCompose(brokers -> {
            if (brokers.isEmpty()) {
                return CompletableFuture.completedFuture(new DeadLetterPage(group, List.of(), 0, Optional.empty(),
                        List.of()));
            }
            List<CompletableFuture<BrokerPage>> pages = brokers.stream().map(broker -> list(broker, group,
                    cursor.nextOffsets().get(broker.broker()), pageSize)).toList();
            return Gathered.all(pages).thenApply(gathered -> {
                requireSomeSupport(gathered.issues(), gathered.values().isEmpty());
                List<DeadLetter> messages = new ArrayList<>();
                Map<String, Long> next = new LinkedHashMap<>(cursor.nextOffsets());
                long total = 0;
                boolean more = false;
                for (BrokerPage page : gathered.values()) { // in broker name order
                    total += Math.max(0, page.maxOffset() - page.minOffset());
                    int room = pageSize - messages.size();
                    List<DeadLetter> taken = page.messages().subList(0, Math.min(room, page.messages().size()));
                    messages.addAll(taken);
                    long resumeAt;
                    if (taken.size() < page.messages().size()) {
                        resumeAt = page.messages().get(taken.size()).queueOffset();
                    } else if (taken.isEmpty() && room == 0) {
                        resumeAt = cursor.nextOffsets().getOrDefault(page.broker().broker(), page.minOffset());
                    } else {
                        resumeAt = page.nextOffset();
                    }
                    next.put(page.broker().broker(), resumeAt);
                    more |= resumeAt < page.maxOffset();
                }
                return new DeadLetterPage(group, messages, total, more ? Optional.of(new DeadLetterCursor(next))
                        : Optional.empty(), gathered.issues());
            });
        });
    }

    private CompletableFuture<BrokerPage> list(Target broker, String group, Long offset, int max) {
        return context.calls().ask(broker, RequestCode.LIST_DEAD_LETTERS, new ListDeadLettersHeader(group, offset, max),
                null, "of group " + group, response -> {
                    JsonObject page = LenientJson.parseObject(response.body());
                    List<DeadLetter> messages = new ArrayList<>();
                    for (Object item : page.array("messages")) {
                        if (item instanceof JsonObject entry) {
                            messages.add(deadLetter(broker.broker(), entry));
                        }
                    }
                    return new BrokerPage(broker, page.longValue("minOffset", 0), page.longValue("maxOffset", 0),
                            page.longValue("nextOffset", 0), messages);
                });
    }

    private static DeadLetter deadLetter(String broker, JsonObject entry) {
        Map<String, String> properties = new TreeMap<>();
        entry.objectOrEmpty("properties").members().forEach((key, value) -> {
            String text = JsonObject.text(value);
            if (text != null) {
                properties.put(String.valueOf(key), text);
            }
        });
        String keys = entry.string("keys");
        return new DeadLetter(broker, entry.string("msgId"), entry.string("offsetMsgId"), entry.longValue("queueOffset", 0),
                Optional.ofNullable(entry.string("originTopic")), Optional.ofNullable(entry.string("originMsgId")),
                keys == null ? List.of() : Arrays.stream(keys.split(" ")).filter(k -> !k.isEmpty()).toList(),
                Optional.ofNullable(entry.string("tags")), Instant.ofEpochMilli(entry.longValue("storeTimestamp", 0)),
                Instant.ofEpochMilli(entry.longValue("bornTimestamp", 0)), (int) entry.longValue("reconsumeTimes", 0),
                (int) entry.longValue("bodyLength", 0), properties);
    }

    /** When every broker asked failed and at least one does not support the request: the typed exception. */
    private static void requireSomeSupport(List<BrokerIssue> issues, boolean nothingAnswered) {
        if (!nothingAnswered) {
            return;
        }
        for (BrokerIssue issue : issues) {
            if (issue.kind() == BrokerIssue.Kind.NOT_SUPPORTED) {
                throw new CompletionException(new CallFailed(issue,
                        new dev.mq.client.admin.NotSupportedByBrokerException(issue.broker(), issue.address(),
                                issue.operation(), issue.detail())));
            }
        }
        if (!issues.isEmpty()) {
            throw new CompletionException(new CallFailed(issues.get(0), new MqClientException(
                    "no broker holding the dead letters answered: " + issues)));
        }
    }

    /** One broker's RESEND_DEAD_LETTERS answer. */
    private record BrokerResend(int resent, List<String> resentIds, List<String> notFound, List<String> resentBefore,
                                List<ResendResult.Failure> failed) {

        static BrokerResend read(byte[] body) {
            JsonObject result = LenientJson.parseObject(body);
            List<ResendResult.Failure> failed = new ArrayList<>();
            for (Object item : result.array("failed")) {
                if (item instanceof JsonObject failure) {
                    failed.add(new ResendResult.Failure(failure.string("msgId"), failure.string("reason")));
                }
            }
            return new BrokerResend((int) result.longValue("resent", 0), strings(result.array("resentIds")),
                    strings(result.array("notFound")), strings(result.array("resentBefore")), failed);
        }

        private static List<String> strings(List<Object> values) {
            return values.stream().map(JsonObject::text).filter(java.util.Objects::nonNull).toList();
        }
    }

    private CompletableFuture<BrokerResend> resend(Target broker, String group, Map<String, Object> selection,
                                                   String subject) {
        return context.calls().ask(broker, RequestCode.RESEND_DEAD_LETTERS, new ResendDeadLettersHeader(group),
                RemotingJson.encode(selection), "of group " + group + " " + subject,
                response -> BrokerResend.read(response.body()));
    }

    CompletableFuture<ResendResult> resend(String group, Collection<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        if (unique.isEmpty() || unique.size() > MAX_BATCH) {
            return CompletableFuture.failedFuture(new MqClientException("re-send between 1 and " + MAX_BATCH
                    + " dead letters at a time, not " + unique.size()));
        }
        return holders(group).thenCompose(brokers -> {
            if (brokers.isEmpty()) {
                return CompletableFuture.completedFuture(new ResendResult(0, List.of(), unique, List.of(), List.of(),
                        List.of()));
            }
            List<CompletableFuture<BrokerResend>> parts = brokers.stream()
                    .map(broker -> resend(broker, group, Map.of("msgIds", unique), unique.size() + " id(s)")).toList();
            return Gathered.all(parts).thenApply(gathered -> {
                requireSomeSupport(gathered.issues(), gathered.values().isEmpty());
                return merge(gathered, unique);
            });
        });
    }

    CompletableFuture<ResendResult> resendAll(String group) {
        return holders(group).thenCompose(brokers -> {
            List<CompletableFuture<List<BrokerResend>>> parts = brokers.stream()
                    .map(broker -> list(broker, group, null, 1).thenCompose(page ->
                            resendRange(broker, group, page.minOffset(), page.maxOffset(), new ArrayList<>())))
                    .toList();
            return Gathered.all(parts).thenApply(gathered -> {
                requireSomeSupport(gathered.issues(), gathered.values().isEmpty() && !brokers.isEmpty());
                List<BrokerResend> all = gathered.values().stream().flatMap(List::stream).toList();
                return merge(new Gathered<>(all, gathered.issues()), null);
            });
        });
    }

    /** Re-sends {@code [from, end)} in ranges of at most {@link #MAX_BATCH}, one after another. */
    private CompletableFuture<List<BrokerResend>> resendRange(Target broker, String group, long from, long end,
                                                              List<BrokerResend> done) {
        if (from >= end) {
            return CompletableFuture.completedFuture(done);
        }
        long to = Math.min(end, from + MAX_BATCH);
        Map<String, Object> range = Map.of("fromOffset", from, "toOffset", to);
        return resend(broker, group, range, "offsets [" + from + ", " + to + ")").thenCompose(result -> {
            done.add(result);
            return resendRange(broker, group, to, end, done);
        });
    }

    /**
     * Merges brokers' answers: an id counts as not found only when no broker that answered found it
     * ({@code requested} null: take the brokers' not-found lists as they are).
     */
    private static ResendResult merge(Gathered<BrokerResend> gathered, List<String> requested) {
        int resent = 0;
        Set<String> resentIds = new LinkedHashSet<>();
        Set<String> resentBefore = new LinkedHashSet<>();
        List<ResendResult.Failure> failed = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        Set<String> notFound = new LinkedHashSet<>();
        for (BrokerResend result : gathered.values()) {
            resent += result.resent();
            resentIds.addAll(result.resentIds());
            resentBefore.addAll(result.resentBefore());
            failed.addAll(result.failed());
            found.addAll(result.resentIds());
            result.failed().forEach(f -> found.add(f.messageId()));
            notFound.addAll(result.notFound());
        }
        if (requested != null) {
            notFound.removeAll(found);
            notFound.retainAll(requested);
        }
        return new ResendResult(resent, List.copyOf(resentIds), List.copyOf(notFound), List.copyOf(resentBefore), failed,
                gathered.issues());
    }
}
