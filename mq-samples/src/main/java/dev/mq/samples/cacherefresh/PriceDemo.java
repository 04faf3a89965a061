package dev.mq.samples.cacherefresh;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code cache-refresh.demo=true}: at start-up, publishes one price change, delayed by
 * {@code cache-refresh.demo-delay} (5 s): a broadcasting consumer only gets what is published after
 * it owns its queues, and this instance's own consumer is only just starting. Every running instance
 * (this one included) then logs its refresh.
 */
@Component
@ConditionalOnProperty(name = "cache-refresh.demo", havingValue = "true")
public class PriceDemo implements ApplicationRunner {

    /** The change the demo publishes. */
    public static final PriceChanged CHANGE = new PriceChanged("demo-sku", new BigDecimal("19.99"));

    private final PricePublisher publisher;
    private final Duration delay;

    /** A demo publishing through {@code publisher} after {@code delay}. */
    public PriceDemo(PricePublisher publisher, @Value("${cache-refresh.demo-delay:5s}") Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("cache-refresh.demo-delay must be positive, got " + delay);
        }
        this.publisher = publisher;
        this.delay = delay;
    }

    @Override
    public void run(ApplicationArguments args) {
        publisher.publishDelayed(CHANGE, delay);
    }
}
