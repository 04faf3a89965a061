package dev.mq.samples.ordertimeout;

import dev.mq.client.MqClient;
import dev.mq.samples.support.SampleTopics;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
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
        // no web server: spring.main.web-application-type in a @PropertySource is read too late to switch it off
        new SpringApplicationBuilder(OrderTimeoutApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /** The sample's topics, created before its listeners start when the cluster does not have them. */
    @Bean
    SampleTopics sampleTopics(MqClient client) {
        return new SampleTopics(client, PaymentWindow.DEADLINES);
    }
}
