package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import dev.mq.spring.MqMessage;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Gives a message's idempotency key: the listener's SpEL expression evaluated over the
 * {@link MqMessage}, or by default the message's first key, else its unique id.
 */
final class IdempotencyKeys {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final Expression expression;
    private final String source;
    private final String description;

    private IdempotencyKeys(Expression expression, String source, String description) {
        this.expression = expression;
        this.source = source;
        this.description = description;
    }

    /**
     * Parses {@code expression} (empty for the default).
     *
     * @throws IllegalStateException naming the listener when the expression is not valid SpEL
     */
    static IdempotencyKeys of(String expression, String description) {
        if (expression.isBlank()) {
            return new IdempotencyKeys(null, "", description);
        }
        try {
            return new IdempotencyKeys(PARSER.parseExpression(expression), expression, description);
        } catch (ParseException e) {
            throw new IllegalStateException(description + ": idempotencyKey '" + expression
                    + "' is not a valid SpEL expression: " + e.getMessage(), e);
        }
    }

    /**
     * The key of {@code message}.
     *
     * @throws IllegalStateException when the expression fails or gives no key; the message is then
     *                               handled as a failed one (retried, then dead-lettered)
     */
    String keyOf(ReceivedMessage message) {
        if (expression == null) {
            return message.keys().isEmpty() ? message.messageId() : message.keys().get(0);
        }
        Object key;
        try {
            key = expression.getValue(new StandardEvaluationContext(MqMessage.of(message)));
        } catch (EvaluationException e) {
            throw new IllegalStateException(description + ": idempotencyKey '" + source + "' failed on message "
                    + message.messageId() + ": " + e.getMessage(), e);
        }
        if (key == null || key.toString().isBlank()) {
            throw new IllegalStateException(description + ": idempotencyKey '" + source + "' gave no key for message "
                    + message.messageId());
        }
        return key.toString();
    }
}
