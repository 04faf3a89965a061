package dev.mq.samples.orders;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code orders} table, created at start-up when missing. */
@Repository
public class OrderRepository {

    private final JdbcTemplate jdbc;

    /** A repository over the application's database; creates the table if it is missing. */
    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64) NOT NULL, "
                + "item VARCHAR(255) NOT NULL, quantity INT NOT NULL)");
    }

    /** Inserts one order. */
    public void insert(String id, NewOrder order) {
        jdbc.update("INSERT INTO orders (id, customer_id, item, quantity) VALUES (?, ?, ?, ?)",
                id, order.customerId(), order.item(), order.quantity());
    }

    /** How many orders the customer has, counting those of the current transaction. */
    public int countByCustomer(String customerId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE customer_id = ?", Integer.class,
                customerId);
        return count == null ? 0 : count;
    }

    /** The item of an order, if the order exists (committed, or in the current transaction). */
    public Optional<String> findItem(String id) {
        return jdbc.queryForList("SELECT item FROM orders WHERE id = ?", String.class, id).stream().findFirst();
    }
}
