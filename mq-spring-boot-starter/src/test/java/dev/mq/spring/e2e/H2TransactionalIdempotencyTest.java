package dev.mq.spring.e2e;

import org.springframework.boot.test.context.SpringBootTest;

/** The transactional JDBC idempotency proof on an in-memory H2 database (Spring Boot's embedded default). */
@SpringBootTest(classes = TransactionalIdempotencyContract.App.class, properties = "mq.idempotency.store=jdbc")
class H2TransactionalIdempotencyTest extends TransactionalIdempotencyContract {
}
