package dev.mq.samples.orderstatus;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code order-status.demo=true}: at start-up, publishes the lifecycles of three orders
 * interleaved; the log shows each order's statuses applied in order.
 */
@Component
@ConditionalOnProperty(name = "order-status.demo", havingValue = "true")
public class StatusDemo implements ApplicationRunner {

    /** The demo's orders. */
    public static final List<String> ORDERS = List.of("demo-1", "demo-2", "demo-3");

    /** The statuses each demo order goes through. */
    public static final List<String> LIFECYCLE = List.of("CREATED", "PAID", "SHIPPED", "DELIVERED");

    private final StatusPublisher publisher;

    /** A demo publishing through {@code publisher}. */
    public StatusDemo(StatusPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String status : LIFECYCLE) {
            for (String order : ORDERS) {
                publisher.publish(order, status);
            }
        }
    }
}
