package dev.mq.samples.orderstatus;

/** One order moved to a new status. */
public record StatusChange(String orderId, String status) {
}
