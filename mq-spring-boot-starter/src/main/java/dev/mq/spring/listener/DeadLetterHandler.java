package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * An {@code @MqDlqHandler} method: told about each message of its group that failed its last
 * allowed attempt. Its own failure is logged and changes nothing: the message goes to the
 * dead-letter queue all the same.
 */
final class DeadLetterHandler {

    private static final Log log = LogFactory.getLog(DeadLetterHandler.class);

    private final String group;
    private final Object bean;
    private final Method method;
    private final MethodArguments arguments;
    private final String description;

    DeadLetterHandler(String group, Object bean, Method method, MethodArguments arguments, String description) {
        this.group = Objects.requireNonNull(group, "group");
        this.bean = bean;
        this.method = method;
        this.arguments = arguments;
        this.description = description;
    }

    String group() {
        return group;
    }

    String description() {
        return description;
    }

    /** Calls the method with {@code message}, which failed with {@code failure}. */
    void deadLettered(ReceivedMessage message, Exception failure) {
        log.warn("message " + message.messageId() + " of group " + group
                + " failed its last attempt and goes to the dead-letter queue %DLQ%" + group + ": " + failure);
        try {
            method.invoke(bean, arguments.resolve(List.of(message)));
        } catch (InvocationTargetException e) {
            log.error(description + " failed on dead letter " + message.messageId() + " (the message is in %DLQ%"
                    + group + " all the same)", e.getCause());
        } catch (RuntimeException | IllegalAccessException e) {
            log.error(description + " could not be called with dead letter " + message.messageId()
                    + " (the message is in %DLQ%" + group + " all the same)", e);
        }
    }
}
