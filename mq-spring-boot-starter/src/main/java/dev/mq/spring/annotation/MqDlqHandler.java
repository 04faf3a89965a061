package dev.mq.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of any bean that is told about each message of a consumer group that failed its
 * last allowed attempt and goes to the group's dead-letter queue {@code %DLQ%<group>}.
 *
 * <p>The method takes one parameter: the payload, converted as a listener's, or
 * {@link dev.mq.spring.MqMessage}. It is called on the listener's thread right after the last
 * attempt failed, before the message is handed back to the broker (which then stores it in the
 * dead-letter queue). So it is called once per dead letter while the application runs; a process
 * that dies between the failure and the call does not call it (the message is in the dead-letter
 * queue all the same), and a hand-back that fails has the message delivered, fail and reported
 * again. An exception the handler throws is logged and does not change where the message goes.
 *
 * <p>The group must belong to an {@link MqListener} of the application; placeholders are resolved.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MqDlqHandler {

    /** The consumer group whose dead letters the method receives. */
    String group();
}
