package dev.mq.spring.idempotency;

import javax.sql.DataSource;

/** The JDBC store on a real PostgreSQL server (see {@link TestServices}). */
class PostgresIdempotencyStoreTest extends JdbcIdempotencyStoreContract {

    @Override
    DataSource dataSource() {
        return TestServices.postgres();
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }
}
