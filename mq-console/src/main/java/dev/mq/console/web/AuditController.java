package dev.mq.console.web;

import dev.mq.console.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /audit}: who did what, when, and how it went. */
@Controller
class AuditController {

    private static final int SHOWN = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.latest(SHOWN));
        return "audit";
    }
}
