package dev.mq.samples.ordertimeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * order-timeout: every placed order gets a delayed {@link PaymentDeadline} message; when it arrives
 * after {@code order-timeout.payment-window}, an order still unpaid is cancelled and a paid one is left
 * alone.
 */
@SpringBootApplication
@PropertySource("classpath:samples/order-timeout.properties")
public class OrderTimeoutApplication {

    /** Starts the sample; {@code --mq.namesrv=host:port} points it at another name server. */
    public static void main(String[] args) {
        SpringApplication.run(OrderTimeoutApplication.class, args);
    }
}
