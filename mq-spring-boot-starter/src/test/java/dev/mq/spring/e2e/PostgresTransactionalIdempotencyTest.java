package dev.mq.spring.e2e;

import dev.mq.spring.idempotency.TestServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The transactional JDBC idempotency proof on the real PostgreSQL of {@code scripts/test-services.sh}. */
@SpringBootTest(classes = {TransactionalIdempotencyContract.App.class, PostgresTransactionalIdempotencyTest.Postgres.class},
        properties = "mq.idempotency.store=jdbc")
class PostgresTransactionalIdempotencyTest extends TransactionalIdempotencyContract {

    @Configuration(proxyBeanMethods = false)
    static class Postgres {
        @Bean
        DataSource dataSource() {
            return TestServices.postgres();
        }
    }
}
