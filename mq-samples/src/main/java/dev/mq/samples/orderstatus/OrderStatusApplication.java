package dev.mq.samples.orderstatus;

import dev.mq.client.MqClient;
import dev.mq.samples.support.SampleTopics;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
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
        // no web server: spring.main.web-application-type in a @PropertySource is read too late to switch it off
        new SpringApplicationBuilder(OrderStatusApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /** The sample's topics, created before its listeners start when the cluster does not have them. */
    @Bean
    SampleTopics sampleTopics(MqClient client) {
        return new SampleTopics(client, StatusPublisher.TOPIC);
    }
}
