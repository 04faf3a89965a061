package dev.mq.console.web;

import dev.mq.client.admin.ConsumerGroupListing;
import dev.mq.client.admin.ConsumerGroupSummary;
import dev.mq.client.admin.GroupDetail;
import dev.mq.client.admin.Lag;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.QueueProgress;
import dev.mq.client.admin.ResetResult;
import dev.mq.client.admin.Subscription;
import dev.mq.console.listing.GroupDetailsCache;
import dev.mq.console.listing.Listings;
import dev.mq.console.sampling.BacklogSampler;
import dev.mq.console.sampling.TopicsGroupsProperties;
import dev.mq.console.web.GroupViews.BacklogHistory;
import dev.mq.console.web.GroupViews.BacklogSample;
import dev.mq.console.web.GroupViews.ClientRow;
import dev.mq.console.web.GroupViews.GroupDetailView;
import dev.mq.console.web.GroupViews.GroupList;
import dev.mq.console.web.GroupViews.GroupRow;
import dev.mq.console.web.GroupViews.QueueLine;
import jakarta.servlet.http.HttpServletResponse;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * {@code /groups}: every consumer group with online clients, mode, subscriptions, total backlog and
 * backlog age. The list comes from one group listing; subscriptions and backlog age need each group's
 * detail, read with a bounded fan-out and waited for up to {@code mq.console.topics-groups.page-budget}
 * (those not read in time say so, and a refresh shows them). {@code /groups/{group}}: per queue the
 * offsets, lag, owner and last consume time, the backlog chart, and the reset-offsets and
 * skip-backlog forms.
 */
@Controller
class GroupsController {

    private final MqAdmin admin;
    private final Listings listings;
    private final GroupDetailsCache details;
    private final BacklogSampler sampler;
    private final TopicsGroupsProperties properties;
    private final ConsoleActions actions;

    GroupsController(MqAdmin admin, Listings listings, GroupDetailsCache details, BacklogSampler sampler,
                     TopicsGroupsProperties properties, ConsoleActions actions) {
        this.admin = admin;
        this.listings = listings;
        this.details = details;
        this.sampler = sampler;
        this.properties = properties;
        this.actions = actions;
    }

    // ---- the list ----

    @GetMapping("/groups")
    String groups(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "false") boolean system,
                  Model model) {
        model.addAttribute("list", list(q, system));
        return "groups";
    }

    @GetMapping("/api/groups")
    @ResponseBody
    GroupList groupsJson(@RequestParam(defaultValue = "") String q,
                         @RequestParam(defaultValue = "false") boolean system) {
        return list(q, system);
    }

    private GroupList list(String query, boolean showSystem) {
        ConsumerGroupListing listing = listings.groups();
        String needle = query.trim().toLowerCase(Locale.ROOT);
        List<ConsumerGroupSummary> matching = listing.groups().stream()
                .filter(g -> showSystem || !g.system())
                .filter(g -> needle.isEmpty() || g.group().toLowerCase(Locale.ROOT).contains(needle)).toList();
        GroupDetailsCache.Details read = details.detailsOf(matching.stream().map(ConsumerGroupSummary::group).toList(),
                properties.getPageBudget());
        List<GroupRow> rows = new ArrayList<>(matching.size());
        int stillReading = 0;
        for (ConsumerGroupSummary group : matching) {
            GroupDetail detail = read.ready().get(group.group());
            String problem = read.failed().get(group.group());
            if (detail == null && problem == null) {
                stillReading++;
            }
            // an age next to an unknown backlog would claim more than is known
            Duration age = detail == null || group.totalLag().isUnknown() ? null : detail.backlogAge().orElse(null);
            rows.add(new GroupRow(group.group(), group.system(), group.onlineClients(),
                    mode(group.consumeType().map(Enum::name), group.messageModel().map(Enum::name), group.onlineClients()),
                    detail == null ? null : subscriptions(detail.subscriptions()),
                    group.totalLag().toString(), exact(group.totalLag()),
                    detail == null ? (problem == null ? "reading" : "unknown") : GroupViews.words(age),
                    age == null ? null : age.getSeconds(), problem, groupPath(group.group())));
        }
        return new GroupList(rows, listing.groups().size(), matching.size(), showSystem, query.trim(), stillReading,
                TopicsController.describe(listing.issues()));
    }

    static String mode(Optional<String> type, Optional<String> model, int online) {
        if (online == 0) {
            return "offline";
        }
        String t = type.map(s -> s.toLowerCase(Locale.ROOT)).orElse("unknown type");
        String m = model.map(s -> s.toLowerCase(Locale.ROOT)).orElse("unknown model");
        return t + ", " + m;
    }

    private static List<String> subscriptions(List<Subscription> subscriptions) {
        return subscriptions.stream().map(s -> s.topic() + " (" + (s.expression() == null || s.expression().isBlank()
                ? "*" : s.expression()) + ")").sorted().toList();
    }

    static Long exact(Lag lag) {
        return lag.exact().isPresent() ? lag.exact().getAsLong() : null;
    }

    // ---- one group ----

    @GetMapping("/groups/{group}")
    String group(@PathVariable String group, Model model, HttpServletResponse response) {
        Optional<GroupDetailView> detail = detail(group);
        if (detail.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("title", "No such group");
            model.addAttribute("message", "No broker knows a consumer group named " + group + ".");
            return "error";
        }
        model.addAttribute("group", detail.get());
        model.addAttribute("chartSrc", "/api/groups/" + UriUtils.encodePathSegment(group, StandardCharsets.UTF_8)
                + "/backlog");
        model.addAttribute("interval", GroupViews.interval(sampler.interval()));
        model.addAttribute("history", properties.getHistory().toHours() > 0 ? properties.getHistory().toHours() + " h"
                : GroupViews.words(properties.getHistory()));
        return "group";
    }

    @GetMapping("/api/groups/{group}")
    ResponseEntity<GroupDetailView> groupJson(@PathVariable String group) {
        return detail(group).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/api/groups/{group}/backlog")
    @ResponseBody
    BacklogHistory backlog(@PathVariable String group) {
        return new BacklogHistory(group, sampler.interval().toSeconds(), sampler.backlogOf(group).stream()
                .map(s -> new BacklogSample(s.at(), s.value())).toList());
    }

    private Optional<GroupDetailView> detail(String group) {
        if (listings.groups().group(group).isEmpty()) {
            listings.groupsChanged(); // it may be new: ask again once before saying it does not exist
            if (listings.groups().group(group).isEmpty()) {
                return Optional.empty();
            }
        }
        GroupDetail detail;
        try {
            detail = admin.groupAsync(group).join();
        } catch (CompletionException e) {
            throw MqAdmin.failureOf(e);
        }
        List<QueueLine> queues = detail.queues().stream().map(GroupsController::line).toList();
        TreeSet<String> topics = new TreeSet<>();
        detail.queues().forEach(q -> topics.add(q.queue().topic()));
        detail.subscriptions().forEach(s -> topics.add(s.topic()));
        return Optional.of(new GroupDetailView(group, detail.online(), detail.clients().stream()
                .map(c -> new ClientRow(c.clientId(), c.address(), c.language(), c.versionName())).toList(),
                mode(detail.consumeType().map(Enum::name), detail.messageModel().map(Enum::name), detail.clients().size()),
                detail.consumeFromWhere().orElse(null), subscriptions(detail.subscriptions()), queues,
                detail.totalLag().toString(), exact(detail.totalLag()), GroupViews.words(detail.totalLag().isUnknown()
                        ? null : detail.backlogAge().orElse(null)),
                List.copyOf(topics), TopicsController.describe(detail.issues())));
    }

    private static QueueLine line(QueueProgress q) {
        return new QueueLine(q.queue().topic(), q.queue().brokerName(), q.queue().queueId(), q.brokerOffset(),
                q.consumerOffset().isPresent() ? q.consumerOffset().getAsLong() : null, q.lag().toString(),
                exact(q.lag()), q.client().orElse(null), q.lastConsumeTime().orElse(null),
                GroupViews.words(q.backlogAge().orElse(null)));
    }

    // ---- actions ----

    @PostMapping("/groups/{group}/reset")
    String reset(@PathVariable String group, @RequestParam String topic, @RequestParam String time, Principal user,
                 RedirectAttributes page) {
        return actions.run(user, "reset offsets", group + " on " + topic, groupPath(group), page, () -> {
            Instant at = parseTime(time);
            ResetResult result = admin.resetOffsets(group, topic, at);
            changed(group);
            return moved("Reset the offsets of " + group + " on " + topic + " to " + at, result);
        });
    }

    @PostMapping("/groups/{group}/skip")
    String skip(@PathVariable String group, @RequestParam String topic, Principal user, RedirectAttributes page) {
        return actions.run(user, "skip backlog", group + " on " + topic, groupPath(group), page, () -> {
            ResetResult result = admin.skipBacklog(group, topic);
            changed(group);
            return moved("Skipped the backlog of " + group + " on " + topic, result);
        });
    }

    private void changed(String group) {
        listings.groupsChanged();
        details.invalidate(group);
    }

    private static String groupPath(String group) {
        return "/groups/" + UriUtils.encodePathSegment(group, StandardCharsets.UTF_8);
    }

    /**
     * A time typed into the form: {@code 2026-12-06T10:00} or {@code 2026-12-06T10:00:30} (UTC, as a
     * datetime-local field sends it) or an instant such as {@code 2026-12-06T10:00:00Z}.
     */
    static Instant parseTime(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a time is needed, e.g. 2026-12-06T10:00 (UTC)");
        }
        try {
            return t.endsWith("Z") || t.contains("+") ? java.time.OffsetDateTime.parse(t).toInstant()
                    : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not a time; write it as 2026-12-06T10:00 (UTC)", e);
        }
    }

    private static String moved(String done, ResetResult result) {
        if (result.offsets().isEmpty() && !result.issues().isEmpty()) {
            throw new dev.mq.client.MqClientException(done + " failed on every broker: "
                    + String.join("; ", TopicsController.describe(result.issues())));
        }
        return done + ": " + result.offsets().size() + " queue(s) moved"
                + (result.issues().isEmpty() ? "." : "; not on: " + String.join("; ",
                TopicsController.describe(result.issues())) + ".");
    }
}
