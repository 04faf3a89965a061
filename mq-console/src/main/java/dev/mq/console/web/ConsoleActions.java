package dev.mq.console.web;

import dev.mq.client.MqException;
import dev.mq.console.audit.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.function.Supplier;

/**
 * Runs one console action (an HTML form's POST): does it, writes the audit entry, and puts a sentence
 * saying what happened into the page the browser is sent back to ({@code done} or {@code failed},
 * shown by the layout's {@code flash} fragment). A broker's refusal or a bad input becomes that
 * sentence, never an error page.
 */
@Component
public class ConsoleActions {

    private final AuditLog audit;

    ConsoleActions(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Runs {@code work} (which returns what it did, in words) and redirects to {@code backTo}.
     *
     * @param action what kind of action, e.g. "create topic"
     * @param target what it acts on, e.g. the topic
     */
    public String run(Principal user, String action, String target, String backTo, RedirectAttributes page,
                      Supplier<String> work) {
        String who = user == null ? "anonymous" : user.getName();
        try {
            String outcome = work.get();
            audit.record(who, action, target, true, outcome);
            page.addFlashAttribute("done", outcome);
        } catch (MqException e) {
            String reason = ConsoleErrors.describe(e);
            audit.record(who, action, target, false, reason);
            page.addFlashAttribute("failed", action + " " + target + " failed: " + reason);
        } catch (IllegalArgumentException e) {
            audit.record(who, action, target, false, e.getMessage());
            page.addFlashAttribute("failed", action + " " + target + " failed: " + e.getMessage());
        }
        return "redirect:" + backTo;
    }
}
