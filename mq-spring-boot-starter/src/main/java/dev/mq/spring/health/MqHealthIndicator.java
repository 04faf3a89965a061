package dev.mq.spring.health;

import dev.mq.client.MqClient;
import dev.mq.client.admin.ClusterOverview;
import dev.mq.spring.listener.MqListenerContainer;
import dev.mq.spring.listener.MqListenerEndpointRegistry;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The health of the application's messaging: {@code UP} when the name server answers a cluster
 * read within the timeout, lists at least one broker, and every listener that should run is
 * running; {@code DOWN} with a {@code reason} otherwise. Details: {@code nameServers},
 * {@code brokers} (how many the name server lists), {@code brokerIssues} (brokers that did not give
 * their figures, if any) and {@code listeners} (each listener id with {@code running},
 * {@code paused} or {@code stopped}).
 *
 * <p>A listener should run when the listener registry runs (between the context's start and its
 * close) and the listener's {@code autoStartup} is on: one stopped through the registry, or whose
 * consumer failed, makes the application DOWN. A paused listener counts as running. Listeners that
 * do not start automatically may be stopped.
 */
public class MqHealthIndicator extends AbstractHealthIndicator {

    private final MqClient client;
    private final List<String> nameServers;
    private final Duration timeout;
    private final MqListenerEndpointRegistry registry;

    /**
     * @param client      the client whose name servers are asked
     * @param nameServers the name server addresses as configured ({@code host:port}, ';' between several), for the details
     * @param timeout     how long the name server read may take
     * @param registry    the listeners, or null when the application has none
     */
    public MqHealthIndicator(MqClient client, String nameServers, Duration timeout, MqListenerEndpointRegistry registry) {
        super("messaging health check failed");
        this.client = Objects.requireNonNull(client, "client");
        this.nameServers = Arrays.stream(Objects.requireNonNull(nameServers, "nameServers").split(";"))
                .map(String::trim).filter(address -> !address.isEmpty()).toList();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the health check timeout must be positive, got " + timeout);
        }
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("nameServers", nameServers);
        List<String> reasons = new ArrayList<>();
        readCluster(builder, reasons);
        readListeners(builder, reasons);
        if (reasons.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", String.join("; ", reasons));
        }
    }

    private void readCluster(Health.Builder builder, List<String> reasons) {
        ClusterOverview overview;
        try {
            overview = client.admin().withTimeout(timeout).clusterOverview();
        } catch (RuntimeException e) {
            reasons.add("the name server did not answer: " + e.getMessage());
            builder.withException(e);
            return;
        }
        builder.withDetail("brokers", overview.brokers().size());
        if (!overview.issues().isEmpty()) {
            builder.withDetail("brokerIssues", overview.issues().stream()
                    .map(issue -> issue.broker() + " (" + issue.address() + "): " + issue.kind() + " " + issue.detail())
                    .toList());
        }
        if (overview.brokers().isEmpty()) {
            reasons.add("the name server lists no broker");
        }
    }

    private void readListeners(Health.Builder builder, List<String> reasons) {
        if (registry == null) {
            return;
        }
        boolean listenersShouldRun = registry.isRunning();
        Map<String, String> states = new LinkedHashMap<>();
        List<String> stoppedButShouldRun = new ArrayList<>();
        for (MqListenerContainer container : registry.getListenerContainers()) {
            String id = container.endpoint().id();
            boolean running = container.isRunning();
            states.put(id, running ? (container.isPaused() ? "paused" : "running") : "stopped");
            if (!running && listenersShouldRun && container.endpoint().autoStartup()) {
                stoppedButShouldRun.add(id);
            }
        }
        builder.withDetail("listeners", states);
        if (!stoppedButShouldRun.isEmpty()) {
            reasons.add("listeners that should run are stopped: " + String.join(", ", stoppedButShouldRun));
        }
    }
}
