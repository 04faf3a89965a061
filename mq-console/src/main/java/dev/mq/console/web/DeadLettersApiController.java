package dev.mq.console.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter pages as JSON: {@code /api/dlq} and {@code /api/dlq/{group}?cursor=&size=}. */
@RestController
class DeadLettersApiController {

    private final DeadLetterViews views;

    DeadLettersApiController(DeadLetterViews views) {
        this.views = views;
    }

    @GetMapping("/api/dlq")
    DeadLetterViews.Groups groups() {
        return views.groups();
    }

    @GetMapping("/api/dlq/{group}")
    DeadLetterViews.Page group(@PathVariable String group, @RequestParam(required = false) String cursor,
                               @RequestParam(defaultValue = "" + DeadLetterViews.DEFAULT_PAGE_SIZE) int size) {
        return views.page(group, cursor, size);
    }
}
