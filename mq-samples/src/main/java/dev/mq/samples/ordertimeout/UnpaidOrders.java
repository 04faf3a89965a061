package dev.mq.samples.ordertimeout;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table {@code timed_orders}: each order's status and whether its payment deadline has been
 * handled (created at start-up when missing).
 */
@Repository
public class UnpaidOrders {

    private final JdbcTemplate jdbc;

    /** A repository over the application's database; creates the table if it is missing. */
    public UnpaidOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS timed_orders (id VARCHAR(64) PRIMARY KEY, status VARCHAR(16) NOT NULL, "
                + "deadline_handled BOOLEAN DEFAULT FALSE NOT NULL)");
    }

    /** Stores a new order as {@link OrderStatus#PLACED}. */
    public void insertPlaced(String id) {
        jdbc.update("INSERT INTO timed_orders (id, status) VALUES (?, ?)", id, OrderStatus.PLACED.name());
    }

    /** Marks a placed order paid; false when it is not (or no longer) placed. */
    public boolean markPaid(String id) {
        return jdbc.update("UPDATE timed_orders SET status = ? WHERE id = ? AND status = ?",
                OrderStatus.PAID.name(), id, OrderStatus.PLACED.name()) == 1;
    }

    /**
     * Handles the deadline in one statement: cancels the order if it is still placed, and records that
     * the deadline came. Returns the status after the update, empty for an unknown order.
     */
    public Optional<OrderStatus> handleDeadline(String id) {
        int updated = jdbc.update("UPDATE timed_orders SET deadline_handled = TRUE, "
                + "status = CASE WHEN status = ? THEN ? ELSE status END WHERE id = ?",
                OrderStatus.PLACED.name(), OrderStatus.CANCELLED.name(), id);
        return updated == 0 ? Optional.empty() : status(id);
    }

    /** The order's status, if it exists. */
    public Optional<OrderStatus> status(String id) {
        return jdbc.queryForList("SELECT status FROM timed_orders WHERE id = ?", String.class, id).stream()
                .findFirst().map(OrderStatus::valueOf);
    }

    /** Whether the order's payment deadline has been handled. */
    public boolean deadlineHandled(String id) {
        return jdbc.queryForList("SELECT deadline_handled FROM timed_orders WHERE id = ?", Boolean.class, id).stream()
                .findFirst().orElse(false);
    }
}
