package dev.mq.server;

import dev.mq.server.broker.Broker;
import dev.mq.store.MessageStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "store": DOWN when a store service failed or the disk is too
 * full to accept writes; details show disk usage and the commit-log positions.
 */
@Component("store")
public class ServerHealth implements HealthIndicator {

    private final MqServer server;

    public ServerHealth(MqServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        Broker broker = server.broker();
        if (broker == null) {
            return Health.unknown().withDetail("reason", "no broker runs in this process").build();
        }
        MessageStore store = broker.store();
        Throwable failure = store.failure();
        Health.Builder health = failure == null && !store.writesRefused() ? Health.up() : Health.down();
        if (failure != null) {
            health.withDetail("failure", failure.toString());
        }
        return health.withDetail("diskUsedRatio", Math.round(store.diskUsedRatio() * 1000) / 1000.0)
                .withDetail("writesRefused", store.writesRefused())
                .withDetail("commitLogMinOffset", store.commitLogMinOffset())
                .withDetail("commitLogMaxOffset", store.commitLogMaxOffset())
                .withDetail("flushedOffset", store.flushedOffset())
                .withDetail("dispatchedOffset", store.dispatchedOffset())
                .build();
    }
}
