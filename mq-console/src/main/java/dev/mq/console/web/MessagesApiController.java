package dev.mq.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;

/**
 * The message pages as JSON: {@code /api/messages?by=key|id|time&topic=...} and
 * {@code /api/messages/{id}?topic=...&view=text|json|hex}.
 */
@RestController
class MessagesApiController {

    private final MessageViews views;
    private final Clock clock;

    MessagesApiController(MessageViews views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    @GetMapping("/api/messages")
    MessageViews.Results search(@RequestParam(required = false) String by, @RequestParam(required = false) String topic,
                                @RequestParam(required = false) String key, @RequestParam(required = false) String id,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) Integer max) {
        MessageQuery query = MessageQuery.from(by, topic, key, id, from, to, max, clock)
                .orElseThrow(() -> new IllegalArgumentException("by is required: key, id or time"));
        return views.search(query);
    }

    @GetMapping("/api/messages/{id}")
    MessageViews.Detail message(@PathVariable String id, @RequestParam(required = false) String topic,
                                @RequestParam(required = false) String view) {
        return views.detail(topic, id, MessageBody.Format.parse(view)).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No broker holds a message " + id + " of topic " + topic));
    }
}
