package dev.mq.samples.ordertimeout;

/** The delayed message: the payment window of this order is over. */
public record PaymentDeadline(String orderId) {
}
