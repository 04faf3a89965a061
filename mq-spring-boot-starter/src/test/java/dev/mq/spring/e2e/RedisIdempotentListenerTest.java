package dev.mq.spring.e2e;

import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.idempotency.RedisIdempotencyStore;
import dev.mq.spring.idempotency.TestServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Idempotent listeners with the Redis store on the real redis-server of {@code scripts/test-services.sh}. */
@SpringBootTest(classes = {IdempotentListenerContract.App.class, RedisIdempotentListenerTest.Redis.class},
        properties = "mq.idempotency.store=redis")
class RedisIdempotentListenerTest extends IdempotentListenerContract {

    @Configuration(proxyBeanMethods = false)
    static class Redis {
        @Bean(destroyMethod = "destroy")
        LettuceConnectionFactory redisConnectionFactory() {
            return TestServices.redis();
        }
    }

    @Override
    Class<? extends IdempotencyStore> expectedStore() {
        return RedisIdempotencyStore.class;
    }
}
