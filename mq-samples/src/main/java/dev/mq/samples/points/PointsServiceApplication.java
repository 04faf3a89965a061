package dev.mq.samples.points;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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
        SpringApplication.run(PointsServiceApplication.class, args);
    }
}
