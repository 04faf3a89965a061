package dev.mq.samples.cacherefresh;

import dev.mq.spring.annotation.ConsumeMode;
import dev.mq.spring.annotation.MqListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refreshes this instance's cache. {@code BROADCASTING}: every instance of the group gets every
 * message (with {@code CLUSTERING}, the default, only one instance would). Broadcast messages are not
 * retried, so the refresh should not fail; and not idempotent by key, since each instance must apply
 * each change.
 */
@Component
public class PriceChangeListener {

    private static final Logger log = LoggerFactory.getLogger(PriceChangeListener.class);

    private final PriceCache cache;

    /** A listener refreshing {@code cache}. */
    public PriceChangeListener(PriceCache cache) {
        this.cache = cache;
    }

    /** One change. */
    @MqListener(topic = PricePublisher.TOPIC, group = "price-cache", id = "price-cache",
            mode = ConsumeMode.BROADCASTING, idempotent = false)
    public void refresh(PriceChanged change) {
        cache.refresh(change);
        log.info("price of {} refreshed: {}", change.sku(), change.price());
    }
}
