package dev.mq.samples.points;

import dev.mq.client.MqClient;
import dev.mq.samples.support.SampleTopics;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * points-service: consumes the {@code Orders:created} events of order-service and credits each
 * customer's points once per order, however often an event is delivered.
 */
@SpringBootApplication
@PropertySource("classpath:samples/points-service.properties")
public class PointsServiceApplication {

    /** Starts the sample; {@code --mq.namesrv=host:port} points it at another name server. */
    public static void main(String[] args) {
        // no web server: spring.main.web-application-type in a @PropertySource is read too late to switch it off
        new SpringApplicationBuilder(PointsServiceApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /** The sample's topics, created before its listeners start when the cluster does not have them. */
    @Bean
    SampleTopics sampleTopics(MqClient client) {
        return new SampleTopics(client, "Orders");
    }
}
