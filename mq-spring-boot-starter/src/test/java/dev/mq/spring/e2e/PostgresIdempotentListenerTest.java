package dev.mq.spring.e2e;

import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.JdbcIdempotencyStore;
import dev.mq.spring.idempotency.TestServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Idempotent listeners with the JDBC store on the real PostgreSQL of {@code scripts/test-services.sh}. */
@SpringBootTest(classes = {IdempotentListenerContract.App.class, PostgresIdempotentListenerTest.Postgres.class},
        properties = "mq.idempotency.store=jdbc")
class PostgresIdempotentListenerTest extends IdempotentListenerContract {

    @Configuration(proxyBeanMethods = false)
    static class Postgres {
        @Bean
        DataSource dataSource() {
            return TestServices.postgres();
        }
    }

    @Override
    Class<? extends IdempotencyStore> expectedStore() {
        return JdbcIdempotencyStore.class;
    }
}
