package dev.mq.server;

import dev.mq.lifecycle.PeriodicService;
import dev.mq.server.broker.Broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Broker metrics for {@code /actuator/metrics} and {@code /actuator/prometheus}:
 * {@code mq.messages.in} and {@code mq.messages.out} per topic (counters), and
 * {@code mq.consumer.backlog} per group and topic (refreshed every 10 s).
 */
@Component
public class ServerMetrics implements MeterBinder, SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(ServerMetrics.class.getName());
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(10);

    private final MqServer server;
    private volatile MeterRegistry registry;
    private volatile MultiGauge backlog;
    private PeriodicService refresher;
    private volatile boolean running;

    public ServerMetrics(MqServer server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        this.backlog = MultiGauge.builder("mq.consumer.backlog")
                .description("messages not yet consumed by a consumer group").baseUnit("messages")
                .register(meterRegistry);
    }

    @Override
    public void start() {
        Broker broker = server.broker();
        if (broker != null && registry != null) {
            broker.stats().onNewTopic(topic -> {
                FunctionCounter.builder("mq.messages.in", broker.stats(), s -> s.messagesIn(topic))
                        .description("messages stored").tag("topic", topic).register(registry);
                FunctionCounter.builder("mq.messages.out", broker.stats(), s -> s.messagesOut(topic))
                        .description("messages delivered by pulls").tag("topic", topic).register(registry);
            });
            refresher = new PeriodicService("mq-metrics-backlog", BACKLOG_REFRESH, this::refreshBacklog,
                    e -> LOG.log(System.Logger.Level.WARNING, "cannot refresh the backlog gauges", e));
            refresher.start();
            refresher.runSoon();
        }
        running = true;
    }

    /** Re-reads every group's backlog now (also used by tests). */
    public void refreshBacklog() {
        Broker broker = server.broker();
        if (broker == null || backlog == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = broker.backlog().entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("group", e.getKey().getKey(),
                        "topic", e.getKey().getValue()), e.getValue()))
                .toList();
        backlog.register(rows, true);
    }

    @Override
    public void stop() {
        running = false;
        if (refresher != null) {
            refresher.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the server ({@link MqServer#PHASE}) so the broker exists, stops before it. */
    @Override
    public int getPhase() {
        return MqServer.PHASE + 1;
    }
}
