package dev.mq.samples.cacherefresh;

import java.math.BigDecimal;

/** A product's new price. */
public record PriceChanged(String sku, BigDecimal price) {
}
