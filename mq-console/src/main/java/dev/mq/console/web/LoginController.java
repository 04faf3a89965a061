package dev.mq.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The login page and the page shown when a user's role does not allow what was asked. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Any method: Spring Security forwards the refused request here as it came (a POST, say). */
    @RequestMapping("/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "denied";
    }
}
