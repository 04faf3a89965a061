package dev.mq.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Bad input to the dead-letter and message pages (a hand-edited cursor or time, say) as a sentence on the error page. */
@ControllerAdvice(assignableTypes = {DeadLettersController.class, MessagesController.class})
class PageErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(IllegalArgumentException e, Model model) {
        model.addAttribute("title", "That request cannot be read");
        model.addAttribute("message", e.getMessage());
        return "error";
    }
}
