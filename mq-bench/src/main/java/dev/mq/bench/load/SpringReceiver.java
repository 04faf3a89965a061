package dev.mq.bench.load;

import dev.mq.spring.autoconfigure.MqProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spring receiver: {@link #start} runs a minimal Spring Boot application in this process (no web
 * server, no banner, the auto-configurations on the class path) whose only bean of its own is one
 * {@code @MqListener} method taking the body as {@code byte[]} ({@link SpringDrainApplication}); it
 * reports each delivery to the load's {@link Receiver.Listener}. Everything the starter is told comes
 * from the load's options: name server, topic, group, consume threads, where a new group starts, and
 * with {@code --idempotency} the store ({@code mq.idempotency.store}) and its database: PostgreSQL
 * through HikariCP (as many connections as consume threads, so that no thread waits for one) or
 * Redis through Lettuce; with {@code floor}, a {@link FloorIdempotencyStore} bean in place of the
 * in-memory store. The idempotency key is the starter's default (the unique message id).
 */
final class SpringReceiver implements Receiver {

    /** Spring Boot's DataSource and Redis auto-configurations, left out when their store is not chosen. */
    static final String DATA_SOURCE_AUTO_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
    static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";
    static final String REACTIVE_REDIS_AUTO_CONFIGURATION =
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration";

    private final LoadOptions options;
    private final String instance;
    private final int threads;
    private final boolean fromFirst;
    private final Receiver.Listener listener;
    private ConfigurableApplicationContext context;

    SpringReceiver(LoadOptions options, String instance, int threads, boolean fromFirst, Receiver.Listener listener) {
        this.options = options;
        this.instance = instance;
        this.threads = threads;
        this.fromFirst = fromFirst;
        this.listener = listener;
    }

    @Override
    public void start() {
        ListenerIdempotency idempotency = options.spring().idempotency();
        Class<?> listenerClass = idempotency == ListenerIdempotency.NONE
                ? SpringDrainApplication.PlainListener.class : SpringDrainApplication.IdempotentListener.class;
        context = new SpringApplicationBuilder(SpringDrainApplication.class, listenerClass)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(properties())
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("mqBenchLoadListener", listener);
                    if (idempotency == ListenerIdempotency.FLOOR) { // the starter's store steps back for it
                        ctx.getBeanFactory().registerSingleton("mqBenchFloorStore", new FloorIdempotencyStore(
                                new MqProperties().getIdempotency().getMemory().getMaxKeys())); // the starter's default
                    }
                })
                .run();
    }

    /** The application's properties (its defaults: the environment may override them). */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("logging.level.root", "warn");
        p.put("mq.namesrv", options.namesrv());
        p.put("mq.instance-name", instance);
        p.put("mq.consumer.consume-from", fromFirst ? "FIRST_OFFSET" : "LAST_OFFSET");
        // the null broker answers no topic route check; the load tool reports a missing topic itself
        p.put("mq.listener.check-topics", "false");
        p.put(SpringDrainApplication.TOPIC, options.topic());
        p.put(SpringDrainApplication.GROUP, options.group());
        p.put(SpringDrainApplication.THREADS, Integer.toString(threads));
        SpringReceiverOptions spring = options.spring();
        List<String> excluded = new ArrayList<>();
        switch (spring.idempotency()) {
            case NONE, MEMORY, FLOOR -> {
                p.put("mq.idempotency.store", "memory");
                excluded.add(DATA_SOURCE_AUTO_CONFIGURATION);
                excluded.add(REDIS_AUTO_CONFIGURATION);
                excluded.add(REACTIVE_REDIS_AUTO_CONFIGURATION);
            }
            case JDBC -> {
                p.put("mq.idempotency.store", "jdbc");
                p.put("spring.datasource.url", spring.jdbcUrl());
                p.put("spring.datasource.username", spring.jdbcUser());
                p.put("spring.datasource.password", spring.jdbcPassword());
                p.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(threads));
                excluded.add(REDIS_AUTO_CONFIGURATION);
                excluded.add(REACTIVE_REDIS_AUTO_CONFIGURATION);
            }
            case REDIS -> {
                p.put("mq.idempotency.store", "redis");
                p.put("spring.data.redis.host", spring.redisHost());
                p.put("spring.data.redis.port", Integer.toString(spring.redisPort()));
                excluded.add(DATA_SOURCE_AUTO_CONFIGURATION);
            }
        }
        p.put("spring.autoconfigure.exclude", String.join(",", excluded));
        return p;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
