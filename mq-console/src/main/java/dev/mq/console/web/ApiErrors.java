package dev.mq.console.web;

import dev.mq.client.MqException;
import dev.mq.client.admin.NotSupportedByBrokerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the dead-letter and message JSON endpoints as problem details (RFC 9457) with a
 * sentence a person can act on: 400 for bad input, 501 for a request the brokers do not offer, 502
 * when the cluster did not answer. Ahead of {@link ConsoleErrors}, which renders HTML pages.
 */
@RestControllerAdvice(assignableTypes = {DeadLettersApiController.class, MessagesApiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotSupportedByBrokerException.class)
    ProblemDetail notSupported(NotSupportedByBrokerException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, ConsoleErrors.describe(e));
    }

    @ExceptionHandler(MqException.class)
    ProblemDetail clusterFailed(MqException e) {
        log.warn("admin request failed: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ConsoleErrors.describe(e));
    }
}
