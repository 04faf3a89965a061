package dev.mq.samples.cacherefresh;

import java.math.BigDecimal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code cache-refresh.demo=true}: at start-up, publishes one price change; every running
 * instance (this one included) logs its refresh.
 */
@Component
@ConditionalOnProperty(name = "cache-refresh.demo", havingValue = "true")
public class PriceDemo implements ApplicationRunner {

    /** The change the demo publishes. */
    public static final PriceChanged CHANGE = new PriceChanged("demo-sku", new BigDecimal("19.99"));

    private final PricePublisher publisher;

    /** A demo publishing through {@code publisher}. */
    public PriceDemo(PricePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) {
        publisher.publish(CHANGE);
    }
}
