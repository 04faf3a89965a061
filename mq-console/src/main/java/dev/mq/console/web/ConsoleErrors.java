package dev.mq.console.web;

import dev.mq.client.MqBrokerException;
import dev.mq.client.MqException;
import dev.mq.client.MqTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A name server or broker that cannot answer is shown as a sentence a person can act on, on the
 * console's own error page: never a stack trace or a white-label page.
 */
@ControllerAdvice
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(MqException.class)
    @ResponseStatus(HttpStatus.BAD_GATEWAY)
    String brokerFailed(MqException e, Model model) {
        log.warn("admin request failed: {}", e.getMessage());
        model.addAttribute("title", "The cluster did not answer");
        model.addAttribute("message", describe(e));
        return "error";
    }

    /** What went wrong, for a person: the broker's code and remark, or what timed out. */
    static String describe(MqException e) {
        if (e instanceof MqBrokerException broker) {
            return "The broker refused (code " + broker.responseCode() + "): " + broker.getMessage();
        }
        if (e instanceof MqTimeoutException) {
            return "No answer in time: " + e.getMessage() + ". Check that the name server and brokers are running"
                    + " and reachable from the console (mq.namesrv).";
        }
        return e.getMessage();
    }
}
