package dev.mq.samples.orders;

/** The body of {@code POST /orders}. */
public record NewOrder(String customerId, String item, int quantity) {

    /** Checks what can be checked without the database. */
    public NewOrder {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidOrderException("customerId is required");
        }
        if (item == null || item.isBlank()) {
            throw new InvalidOrderException("item is required");
        }
        if (quantity < 1) {
            throw new InvalidOrderException("quantity must be at least 1, got " + quantity);
        }
    }
}
