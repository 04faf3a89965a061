package dev.mq.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean implementing {@link dev.mq.spring.MqLocalTransaction} as the local transaction of a
 * producer group. The starter makes one transactional producer per such bean at start-up (so the
 * broker's check-backs reach it also after a restart); two beans for one group stop the start-up.
 *
 * <pre>{@code
 * @Component
 * @MqTransactionListener(producerGroup = "${mq.producer.group}")
 * class PaymentTransaction implements MqLocalTransaction { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MqTransactionListener {

    /** The producer group whose transactions this bean runs and checks; {@code ${...}} placeholders are resolved. */
    String producerGroup();
}
