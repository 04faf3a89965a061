package dev.mq.samples.orderstatus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * order-status: status changes are sent orderly with the order id as sharding key, and an orderly
 * listener applies each order's changes one at a time, in the order they were sent.
 */
@SpringBootApplication
@PropertySource("classpath:samples/order-status.properties")
public class OrderStatusApplication {

    /** Starts the sample; {@code --mq.namesrv=host:port} points it at another name server. */
    public static void main(String[] args) {
        SpringApplication.run(OrderStatusApplication.class, args);
    }
}
