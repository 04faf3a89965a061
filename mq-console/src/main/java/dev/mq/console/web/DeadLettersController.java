package dev.mq.console.web;

import dev.mq.client.MqClientException;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.NotSupportedByBrokerException;
import dev.mq.client.admin.ResendResult;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /dlq}: the groups with dead letters and their counts; {@code /dlq/{group}}: a group's dead
 * letters page by page, re-sent one, the selected ones or all to their original topics (no consumer
 * needs to be online). Re-sends are ADMIN actions run through {@link ConsoleActions}.
 */
@Controller
class DeadLettersController {

    private final DeadLetterViews views;
    private final MqAdmin admin;
    private final ResentDeadLetters resent;
    private final ConsoleActions actions;

    DeadLettersController(DeadLetterViews views, MqAdmin admin, ResentDeadLetters resent, ConsoleActions actions) {
        this.views = views;
        this.admin = admin;
        this.resent = resent;
        this.actions = actions;
    }

    @GetMapping("/dlq")
    String groups(Model model) {
        model.addAttribute("view", views.groups());
        return "dlq";
    }

    @GetMapping("/dlq/{group}")
    String group(@PathVariable String group, @RequestParam(required = false) String cursor,
                 @RequestParam(defaultValue = "" + DeadLetterViews.DEFAULT_PAGE_SIZE) int size, Model model) {
        model.addAttribute("group", group);
        model.addAttribute("dlqTopic", DeadLetterViews.topicOf(group));
        try {
            model.addAttribute("page", views.page(group, cursor, size));
        } catch (NotSupportedByBrokerException e) {
            // Apache RocketMQ has no request to list dead letters: say so on the page, not as a failure
            model.addAttribute("unsupported", ConsoleErrors.describe(e));
        }
        return "dlq-group";
    }

    /** Re-sends one dead letter ({@code one}, a row's button) or the checked ones ({@code ids}). */
    @PostMapping("/dlq/{group}/resend")
    String resend(@PathVariable String group, @RequestParam(required = false) String one,
                  @RequestParam(required = false) List<String> ids, @RequestParam(required = false) String cursor,
                  Principal user, RedirectAttributes page) {
        Set<String> chosen = new LinkedHashSet<>();
        if (one != null && !one.isBlank()) {
            chosen.add(one.strip());
        } else if (ids != null) {
            ids.stream().filter(id -> !id.isBlank()).map(String::strip).forEach(chosen::add);
        }
        String target = chosen.size() == 1 ? group + " " + chosen.iterator().next() : group;
        return actions.run(user, "re-send dead letters", target, backTo(group, cursor), page, () -> {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("no dead letter was selected; tick at least one");
            }
            return describe(group, admin.resendDeadLetters(group, chosen), user);
        });
    }

    @PostMapping("/dlq/{group}/resend-all")
    String resendAll(@PathVariable String group, @RequestParam(required = false) String cursor, Principal user,
                     RedirectAttributes page) {
        return actions.run(user, "re-send all dead letters", group, backTo(group, cursor), page,
                () -> describe(group, admin.resendAllDeadLetters(group), user));
    }

    private static String backTo(String group, String cursor) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/dlq/{group}");
        if (cursor != null && !cursor.isBlank()) {
            uri.queryParam("cursor", cursor);
        }
        return uri.buildAndExpand(group).encode().toUriString();
    }

    /**
     * The sentence for the flash and the audit log; a re-send that re-sent nothing at all is a
     * failure, with the reasons.
     */
    private String describe(String group, ResendResult result, Principal user) {
        resent.record(group, result.resentIds(), user == null ? "anonymous" : user.getName());
        List<String> parts = new ArrayList<>();
        parts.add("re-sent " + result.resent() + (result.resent() == 1 ? " dead letter" : " dead letters") + " of "
                + group + " to the original topic");
        if (!result.resentBefore().isEmpty()) {
            parts.add(result.resentBefore().size() + " of them had been re-sent before");
        }
        if (!result.notFound().isEmpty()) {
            parts.add("not found: " + String.join(", ", result.notFound()));
        }
        result.failed().forEach(f -> parts.add("not re-sent " + f.messageId() + ": " + f.reason()));
        result.issues().forEach(issue -> parts.add("not asked: " + issue));
        String sentence = String.join("; ", parts);
        boolean problems = !result.notFound().isEmpty() || !result.failed().isEmpty() || !result.issues().isEmpty();
        if (result.resent() == 0 && problems) {
            throw new MqClientException(sentence);
        }
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
    }
}
