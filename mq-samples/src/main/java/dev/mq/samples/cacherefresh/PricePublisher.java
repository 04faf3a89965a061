package dev.mq.samples.cacherefresh;

import java.time.Duration;

import dev.mq.spring.MqTemplate;

import org.springframework.stereotype.Service;

/** Announces price changes to every instance. */
@Service
public class PricePublisher {

    /** The topic of the price changes. */
    public static final String TOPIC = "PriceChanges";

    private final MqTemplate mqTemplate;

    /** A publisher through the application's template. */
    public PricePublisher(MqTemplate mqTemplate) {
        this.mqTemplate = mqTemplate;
    }

    /** Sends one change; every instance's listener gets it. */
    public void publish(PriceChanged change) {
        mqTemplate.send(TOPIC, change);
    }

    /** Sends one change to be delivered after {@code delay}. */
    public void publishDelayed(PriceChanged change, Duration delay) {
        mqTemplate.sendDelayed(TOPIC, change, delay);
    }
}
