package dev.mq.console.web;

import dev.mq.client.MqException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /messages}: search a topic's messages by key, by id or by time range (three GET forms), and
 * {@code /messages/{id}?topic=}: one message with its properties, its body as text, pretty JSON or hex
 * ({@code view=}), and whether each consumer group of the topic consumed it.
 */
@Controller
class MessagesController {

    private final MessageViews views;
    private final Clock clock;

    MessagesController(MessageViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    @GetMapping("/messages")
    String search(@RequestParam(required = false) String by, @RequestParam(required = false) String topic,
                  @RequestParam(required = false) String key, @RequestParam(required = false) String id,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) Integer max, Model model) {
        Instant now = clock.instant();
        model.addAttribute("topic", topic == null ? "" : topic);
        model.addAttribute("key", key == null ? "" : key);
        model.addAttribute("id", id == null ? "" : id);
        model.addAttribute("from", from == null || from.isBlank()
                ? ConsoleTimes.field(now.minus(MessageQuery.DEFAULT_RANGE)) : from);
        model.addAttribute("to", to == null || to.isBlank() ? ConsoleTimes.field(now) : to);
        model.addAttribute("max", max == null ? MessageQuery.DEFAULT_MAX : max);
        model.addAttribute("by", by == null ? "" : by);
        Optional<MessageQuery> query;
        try {
            query = MessageQuery.from(by, topic, key, id, from, to, max, clock);
        } catch (IllegalArgumentException e) {
            model.addAttribute("failed", e.getMessage()); // shown above the forms, which keep what was typed
            return "messages";
        }
        query.ifPresent(q -> {
            try {
                model.addAttribute("results", views.search(q));
            } catch (MqException e) {
                model.addAttribute("failed", "The search failed: " + ConsoleErrors.describe(e));
            }
        });
        return "messages";
    }

    @GetMapping("/messages/{id}")
    String message(@PathVariable String id, @RequestParam(required = false) String topic,
                   @RequestParam(required = false) String view, Model model, HttpServletResponse response) {
        Optional<MessageViews.Detail> found = views.detail(topic, id, MessageBody.Format.parse(view));
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("title", "No such message");
            model.addAttribute("message", "No broker holds a message " + id + " of topic " + topic
                    + " (it may have been deleted by retention).");
            return "error";
        }
        MessageViews.Detail detail = found.get();
        model.addAttribute("detail", detail);
        model.addAttribute("topic", topic.strip());
        model.addAttribute("id", id);
        model.addAttribute("formats", MessageBody.Format.values());
        return "message";
    }
}
