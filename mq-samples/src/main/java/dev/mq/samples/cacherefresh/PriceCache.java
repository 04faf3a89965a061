package dev.mq.samples.cacherefresh;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** This instance's copy of the prices. */
@Component
public class PriceCache {

    private final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();

    /** Replaces the cached price of the change's product. */
    public void refresh(PriceChanged change) {
        prices.put(change.sku(), change.price());
    }

    /** The cached price of a product, if any. */
    public Optional<BigDecimal> price(String sku) {
        return Optional.ofNullable(prices.get(sku));
    }
}
