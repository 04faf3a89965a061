package dev.mq.samples.ordertimeout;

/** Where an order of this sample stands. */
public enum OrderStatus {
    /** Placed, waiting for its payment. */
    PLACED,
    /** Paid within its window. */
    PAID,
    /** Not paid within its window. */
    CANCELLED
}
