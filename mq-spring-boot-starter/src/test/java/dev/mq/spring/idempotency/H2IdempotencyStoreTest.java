package dev.mq.spring.idempotency;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/** The JDBC store on an in-memory H2 database (the default in samples). */
class H2IdempotencyStoreTest extends JdbcIdempotencyStoreContract {

    private final String url = "jdbc:h2:mem:idempotency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(url, "sa", "");
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }
}
