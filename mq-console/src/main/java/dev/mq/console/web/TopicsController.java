package dev.mq.console.web;

import dev.mq.client.Message;
import dev.mq.client.MqBrokerException;
import dev.mq.client.MqException;
import dev.mq.client.Producer;
import dev.mq.client.SendResult;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.BrokerStatsSnapshot;
import dev.mq.client.admin.GroupDetail;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.TopicKind;
import dev.mq.client.admin.TopicListing;
import dev.mq.client.admin.TopicRouteInfo;
import dev.mq.client.admin.TopicSpec;
import dev.mq.client.admin.TopicStatus;
import dev.mq.client.admin.TopicSummary;
import dev.mq.client.admin.WriteResult;
import dev.mq.console.listing.BoundedFanOut;
import dev.mq.console.listing.Listings;
import dev.mq.console.sampling.BacklogSampler;
import dev.mq.console.sampling.SampleSeries;
import dev.mq.console.web.TopicViews.GroupBacklog;
import dev.mq.console.web.TopicViews.MessagesIn;
import dev.mq.console.web.TopicViews.MessagesInSample;
import dev.mq.console.web.TopicViews.QueueRow;
import dev.mq.console.web.TopicViews.RouteRow;
import dev.mq.console.web.TopicViews.TopicDetail;
import dev.mq.console.web.TopicViews.TopicList;
import dev.mq.console.web.TopicViews.TopicRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code /topics}: every topic with its kind, queues and stored messages, filtered by kind and
 * searched by name (query parameters, no script needed); create, delete (with a confirmation box)
 * and send a test message. {@code /topics/{topic}}: queues with offsets and last store times, route,
 * consumer groups with their backlog, in/out rates and the messages-in chart. Topics whose names hold
 * a {@code %} (retry and dead-letter topics) are shown at {@code /topic?name=...}, since an encoded
 * {@code %} is refused in a path.
 */
@Controller
class TopicsController {

    /** Topics shown per page of the list. */
    static final int PAGE_SIZE = 500;

    private final MqAdmin admin;
    private final Listings listings;
    private final BacklogSampler sampler;
    private final BoundedFanOut fanOut;
    private final ExecutorService calls;
    private final ConsoleActions actions;
    private final ObjectProvider<Producer> testProducer;

    TopicsController(MqAdmin admin, Listings listings, BacklogSampler sampler, BoundedFanOut fanOut,
                     ExecutorService consoleAdminCalls, ConsoleActions actions, ObjectProvider<Producer> testProducer) {
        this.admin = admin;
        this.listings = listings;
        this.sampler = sampler;
        this.fanOut = fanOut;
        this.calls = consoleAdminCalls;
        this.actions = actions;
        this.testProducer = testProducer;
    }

    // ---- the list ----

    @GetMapping("/topics")
    String topics(@RequestParam(defaultValue = "all") String kind, @RequestParam(defaultValue = "") String q,
                  @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("list", list(kind, q, page));
        return "topics";
    }

    @GetMapping("/api/topics")
    @ResponseBody
    TopicList topicsJson(@RequestParam(defaultValue = "all") String kind, @RequestParam(defaultValue = "") String q,
                         @RequestParam(defaultValue = "1") int page) {
        return list(kind, q, page);
    }

    private TopicList list(String kind, String query, int page) {
        String wantedKind = kind.toLowerCase(Locale.ROOT);
        if (!List.of("all", "normal", "retry", "dlq", "system").contains(wantedKind)) {
            throw new IllegalArgumentException("kind must be all, normal, retry, dlq or system, got " + kind);
        }
        TopicListing listing = listings.topics();
        String needle = query.trim().toLowerCase(Locale.ROOT);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of("normal", "retry", "dlq", "system")) {
            counts.put(k, 0);
        }
        List<TopicRow> matching = new ArrayList<>();
        for (TopicSummary topic : listing.topics()) {
            String k = kindName(topic.kind());
            counts.merge(k, 1, Integer::sum);
            if ((wantedKind.equals("all") || wantedKind.equals(k))
                    && (needle.isEmpty() || topic.name().toLowerCase(Locale.ROOT).contains(needle))) {
                matching.add(new TopicRow(topic.name(), k, topic.readQueues(), topic.writeQueues(),
                        topic.brokers().stream().sorted().toList(), topic.order(),
                        topic.totalMessages().isPresent() ? topic.totalMessages().getAsLong() : null,
                        detailPath(topic.name())));
            }
        }
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(Math.max(1, page), pages);
        List<TopicRow> slice = matching.subList((shown - 1) * PAGE_SIZE, Math.min(matching.size(), shown * PAGE_SIZE));
        return new TopicList(List.copyOf(slice), listing.topics().size(), matching.size(), shown, pages, wantedKind,
                query.trim(), counts, describe(listing.issues()));
    }

    /** A bad filter in the address (e.g. {@code kind=bogus}): the console's error page with the reason, 400. */
    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(IllegalArgumentException e, Model model) {
        model.addAttribute("title", "Bad request");
        model.addAttribute("message", e.getMessage());
        return "error";
    }

    static String kindName(TopicKind kind) {
        return switch (kind) {
            case NORMAL -> "normal";
            case RETRY -> "retry";
            case DEAD_LETTER -> "dlq";
            case SYSTEM -> "system";
        };
    }

    static List<String> describe(List<BrokerIssue> issues) {
        return issues.stream().map(BrokerIssue::toString).toList();
    }

    // ---- one topic ----

    @GetMapping("/topics/{topic}")
    String topic(@PathVariable String topic, Model model, HttpServletResponse response) {
        return showTopic(topic, model, response);
    }

    @GetMapping("/topic")
    String topicByName(@RequestParam String name, Model model, HttpServletResponse response) {
        return showTopic(name, model, response);
    }

    private String showTopic(String topic, Model model, HttpServletResponse response) {
        Optional<TopicDetail> detail = detail(topic);
        if (detail.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("title", "No such topic");
            model.addAttribute("message", "The cluster lists no topic named " + topic + ".");
            return "error";
        }
        model.addAttribute("topic", detail.get());
        model.addAttribute("chartSrc", "/api/topics/" + UriUtils.encodePathSegment(topic, StandardCharsets.UTF_8)
                + "/messages-in");
        model.addAttribute("interval", GroupViews.interval(sampler.interval()));
        return "topic";
    }

    @GetMapping("/api/topics/{topic}")
    ResponseEntity<TopicDetail> topicJson(@PathVariable String topic) {
        return detail(topic).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/api/topics/{topic}/messages-in")
    @ResponseBody
    MessagesIn messagesIn(@PathVariable String topic) {
        List<SampleSeries.Sample> samples = sampler.storedMessagesOf(topic);
        List<MessagesInSample> points = new ArrayList<>(samples.size());
        Long previous = null;
        for (SampleSeries.Sample sample : samples) {
            Long stored = sample.value();
            Long added = stored != null && previous != null && stored >= previous ? stored - previous : null;
            points.add(new MessagesInSample(sample.at(), stored, added));
            previous = stored;
        }
        return new MessagesIn(topic, sampler.interval().toSeconds(), points);
    }

    /** A topic's detail, every part asked at once; empty when the cluster does not list the topic. */
    private Optional<TopicDetail> detail(String topic) {
        Optional<TopicSummary> summary = listings.topics().topic(topic);
        if (summary.isEmpty()) {
            listings.topicsChanged(); // it may be new: ask again once before saying it does not exist
            summary = listings.topics().topic(topic);
            if (summary.isEmpty()) {
                return Optional.empty();
            }
        }
        CompletableFuture<TopicStatus> status = admin.topicStatusAsync(topic);
        CompletableFuture<TopicRouteInfo> route = CompletableFuture.supplyAsync(() -> admin.topicRoute(topic), calls);
        CompletableFuture<MqAdmin.NameSet> groupNames = CompletableFuture.supplyAsync(
                () -> admin.consumerGroupsOf(topic), calls);
        CompletableFuture<List<GroupBacklog>> groups = groupNames.thenCompose(names -> {
            List<CompletableFuture<GroupBacklog>> each = names.names().stream()
                    .map(group -> fanOut.submit(() -> admin.groupAsync(group))
                            .handle((detail, error) -> backlogOn(topic, group, detail, error))).toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
        });
        CompletableFuture<Rates> rates = route.thenCombine(groupNames, (r, g) -> r).thenCompose(r -> rates(topic, r,
                groupNames.join()));
        try {
            TopicStatus queues = status.join();
            TopicRouteInfo routeInfo = route.join();
            List<String> issues = new ArrayList<>(describe(queues.issues()));
            issues.addAll(describe(groupNames.join().issues()));
            Rates r = rates.join();
            return Optional.of(new TopicDetail(topic, kindName(summary.get().kind()), queues.queues().stream()
                    .map(q -> new QueueRow(q.queue().brokerName(), q.queue().queueId(), q.minOffset(), q.maxOffset(),
                            q.messages(), q.lastStoreTime().orElse(null))).toList(),
                    queues.totalMessages(), queues.lastStoreTime().orElse(null), routeRows(routeInfo), groups.join(),
                    r.in(), r.out(), r.note(), issues));
        } catch (CompletionException e) {
            throw MqAdmin.failureOf(e);
        }
    }

    private static GroupBacklog backlogOn(String topic, String group, GroupDetail detail, Throwable error) {
        if (error != null) {
            return new GroupBacklog(group, "unknown", null, null, MqAdmin.failureOf(error).getMessage());
        }
        var lag = detail.lagOf(topic);
        return new GroupBacklog(group, lag.toString(), lag.exact().isPresent() ? lag.exact().getAsLong() : null,
                detail.clients().size(), null);
    }

    private static List<RouteRow> routeRows(TopicRouteInfo route) {
        Map<String, TopicRouteInfo.BrokerAddresses> members = new LinkedHashMap<>();
        route.brokers().forEach(b -> members.put(b.brokerName(), b));
        return route.queues().stream().map(q -> {
            TopicRouteInfo.BrokerAddresses b = members.get(q.brokerName());
            String permission = q.readable() && q.writable() ? "read and write" : q.readable() ? "read only"
                    : q.writable() ? "write only" : "none";
            String addresses = b == null ? "unknown" : b.addresses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> (e.getKey() == 0 ? "master" : "slave " + e.getKey()) + " " + e.getValue())
                    .reduce((a, c) -> a + ", " + c).orElse("none");
            return new RouteRow(q.brokerName(), b == null ? "unknown" : b.cluster(), q.readQueues(), q.writeQueues(),
                    permission, addresses);
        }).toList();
    }

    /** In and out rates over the last minute from the brokers' statistics; null where a broker cannot say. */
    private record Rates(Double in, Double out, String note) {
    }

    private CompletableFuture<Rates> rates(String topic, TopicRouteInfo route, MqAdmin.NameSet groups) {
        List<String> brokers = route.queues().stream().map(TopicRouteInfo.QueueGroup::brokerName).distinct().toList();
        List<CompletableFuture<Double>> in = brokers.stream().map(broker -> stat(broker,
                BrokerStatsSnapshot.TOPIC_PUT_NUMS, topic)).toList();
        List<CompletableFuture<Double>> out = new ArrayList<>();
        for (String group : groups.names()) {
            for (String broker : brokers) {
                out.add(stat(broker, BrokerStatsSnapshot.GROUP_GET_NUMS, topic + "@" + group));
            }
        }
        List<CompletableFuture<Double>> all = new ArrayList<>(in);
        all.addAll(out);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            List<String> notes = new ArrayList<>();
            Double inRate = sum(in, notes);
            Double outRate = sum(out, notes);
            return new Rates(inRate, outRate, notes.isEmpty() ? null : String.join("; ", notes.stream().distinct().toList()));
        });
    }

    /** One statistic's rate per second over the last minute; 0 when the broker never counted the key. */
    private CompletableFuture<Double> stat(String broker, String name, String key) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return admin.brokerStats(broker, name, key).minute().tps();
            } catch (MqBrokerException e) {
                if (e.getMessage() != null && e.getMessage().contains("not exist")) {
                    // "The stats <name> <key> not exist", from our broker and Apache's alike: a key is counted from
                    // its first message on, so nothing was stored or delivered since the broker started
                    return 0.0;
                }
                throw e;
            }
        }, calls);
    }

    private static Double sum(List<CompletableFuture<Double>> parts, List<String> notes) {
        double total = 0;
        for (CompletableFuture<Double> part : parts) {
            if (part.isCompletedExceptionally()) {
                notes.add(MqAdmin.failureOf(part.handle((v, e) -> e).join()).getMessage());
                return null;
            }
            total += part.join();
        }
        return total;
    }

    // ---- actions ----

    @PostMapping("/topics")
    String create(@RequestParam String topic, @RequestParam(defaultValue = "8") String queues,
                  @RequestParam(defaultValue = "6") String perm, Principal user, RedirectAttributes page) {
        String name = topic.trim();
        return actions.run(user, "create topic", name, "/topics?q=" + UriUtils.encodeQueryParam(name,
                StandardCharsets.UTF_8), page, () -> {
            int queueCount = number("queues", queues, 1, 1024);
            int permission = number("permission", perm, 2, 6);
            WriteResult result = admin.createOrUpdateTopic(TopicSpec.builder(name).queues(queueCount).perm(permission)
                    .build());
            listings.topicsChanged();
            return outcome("Created topic " + name + " with " + queueCount + " queues (" + permissionName(permission)
                    + ")", result);
        });
    }

    @PostMapping("/topics/delete")
    String delete(@RequestParam String topic, @RequestParam(defaultValue = "") String confirm, Principal user,
                  RedirectAttributes page) {
        if (!"yes".equals(confirm)) {
            page.addFlashAttribute("failed", "Topic " + topic + " was not deleted: tick the box that confirms it.");
            return "redirect:" + detailPath(topic);
        }
        return actions.run(user, "delete topic", topic, "/topics", page, () -> {
            WriteResult result = admin.deleteTopic(topic);
            listings.topicsChanged();
            return outcome("Deleted topic " + topic, result);
        });
    }

    @PostMapping("/topics/send")
    String send(@RequestParam String topic, @RequestParam(defaultValue = "") String tag,
                @RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "") String body,
                Principal user, RedirectAttributes page) {
        return actions.run(user, "send test message", topic, detailPath(topic), page, () -> {
            Message.Builder message = Message.builder(topic).body(body);
            if (!tag.isBlank()) {
                message.tags(tag.trim());
            }
            if (!key.isBlank()) {
                message.keys(key.trim());
            }
            SendResult result = testProducer.getObject().send(message.build());
            listings.topicsChanged();
            return "Sent a test message to " + topic + ": id " + result.messageId() + ", " + result.status();
        });
    }

    /** Where a topic's page is: {@code /topics/{topic}}, or {@code /topic?name=} for names with a '%'. */
    static String detailPath(String topic) {
        return topic.contains("%") ? "/topic?name=" + UriUtils.encodeQueryParam(topic, StandardCharsets.UTF_8)
                : "/topics/" + UriUtils.encodePathSegment(topic, StandardCharsets.UTF_8);
    }

    private static int number(String what, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + text + "'", e);
        }
    }

    static String permissionName(int perm) {
        return switch (perm) {
            case TopicSpec.PERM_READ_WRITE -> "read and write";
            case TopicSpec.PERM_READ -> "read only";
            case TopicSpec.PERM_WRITE -> "write only";
            default -> "permission " + perm;
        };
    }

    /** What a write did, in words: where it applied and, if so, where not. */
    static String outcome(String done, WriteResult result) {
        if (result.applied().isEmpty()) {
            throw new MqWriteFailed(result);
        }
        return done + " on " + String.join(", ", result.applied())
                + (result.isComplete() ? "." : "; not on: " + String.join("; ", describe(result.issues())) + ".");
    }

    /** A change that no target applied: fails the action with every target's reason. */
    static final class MqWriteFailed extends dev.mq.client.MqClientException {
        MqWriteFailed(WriteResult result) {
            super(result.operation() + " was applied nowhere: " + String.join("; ", describe(result.issues())));
        }
    }
}
