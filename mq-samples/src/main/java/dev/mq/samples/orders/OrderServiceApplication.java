package dev.mq.samples.orders;

import dev.mq.client.MqClient;
import dev.mq.samples.support.SampleTopics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * order-service: {@code POST /orders} stores an order in an H2 database and publishes
 * {@link OrderCreated} to {@code Orders:created} bound to the same Spring transaction, so the event
 * is delivered if and only if the order commits.
 */
@SpringBootApplication
@PropertySource("classpath:samples/order-service.properties")
public class OrderServiceApplication {

    /** Starts the sample; {@code --mq.namesrv=host:port} points it at another name server. */
    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }

    /** The sample's topics, created before its listeners start when the cluster does not have them. */
    @Bean
    SampleTopics sampleTopics(MqClient client) {
        return new SampleTopics(client, "Orders");
    }
}
