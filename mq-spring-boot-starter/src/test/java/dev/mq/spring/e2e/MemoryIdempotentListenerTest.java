package dev.mq.spring.e2e;

import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.InMemoryIdempotencyStore;
import org.springframework.boot.test.context.SpringBootTest;

/** Idempotent listeners with the in-memory store. */
@SpringBootTest(classes = IdempotentListenerContract.App.class, properties = "mq.idempotency.store=memory")
class MemoryIdempotentListenerTest extends IdempotentListenerContract {

    @Override
    Class<? extends IdempotencyStore> expectedStore() {
        return InMemoryIdempotencyStore.class;
    }
}
