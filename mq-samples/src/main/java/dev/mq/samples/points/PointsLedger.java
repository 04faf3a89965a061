package dev.mq.samples.points;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Customers' point balances in the table {@code points}, created at start-up when missing. */
@Repository
public class PointsLedger {

    private final JdbcTemplate jdbc;

    /** A ledger over the application's database; creates the table if it is missing. */
    public PointsLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS points (customer_id VARCHAR(64) PRIMARY KEY, balance BIGINT NOT NULL)");
    }

    /** Adds {@code points} to the customer's balance (a customer without one starts at 0). */
    public void credit(String customerId, long points) {
        int updated = jdbc.update("UPDATE points SET balance = balance + ? WHERE customer_id = ?", points, customerId);
        if (updated == 0) {
            jdbc.update("INSERT INTO points (customer_id, balance) VALUES (?, ?)", customerId, points);
        }
    }

    /** The customer's balance, 0 for a customer never credited. */
    public long balance(String customerId) {
        return jdbc.queryForList("SELECT balance FROM points WHERE customer_id = ?", Long.class, customerId)
                .stream().findFirst().orElse(0L);
    }
}
