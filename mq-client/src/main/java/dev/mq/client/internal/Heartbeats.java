package dev.mq.client.internal;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.HeartbeatData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.header.UnregisterClientHeader;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells brokers which producer and consumer groups this client serves (HEART_BEAT), so that they
 * route transaction check-backs and consumer-group changes to it, and takes a group off them when it
 * closes (UNREGISTER_CLIENT). {@link ClientCore} sends the heartbeat to every broker of the known
 * routes every heartbeat interval, right after a group is added, and to a broker as soon as a route
 * names it. Thread-safe.
 */
public final class Heartbeats {

    private static final System.Logger LOG = System.getLogger(Heartbeats.class.getName());

    private final String clientId;
    private final Invoker invoker;
    private final BrokerDirectory brokers;
    private final Duration timeout;
    private final Set<String> producerGroups = ConcurrentHashMap.newKeySet();
    private final List<Supplier<HeartbeatData.ConsumerData>> consumers = new CopyOnWriteArrayList<>();

    Heartbeats(String clientId, Invoker invoker, BrokerDirectory brokers, Duration timeout) {
        this.clientId = clientId;
        this.invoker = invoker;
        this.brokers = brokers;
        this.timeout = timeout;
    }

    /** Adds a producer group to the heartbeat and sends it to the known brokers (without waiting). */
    public void addProducerGroup(String group) {
        producerGroups.add(group);
        sendToAll();
    }

    /** Removes a producer group from the heartbeat (see {@link #unregister} to tell the brokers). */
    public void removeProducerGroup(String group) {
        producerGroups.remove(group);
    }

    /**
     * Adds a consumer group to the heartbeat: {@code consumer} is asked for its current data at each
     * heartbeat (subscriptions may change), on the scheduler thread or the thread that triggers a
     * heartbeat, so it must be quick and must not block. Sends a heartbeat to the known brokers at once.
     *
     * @return removes the consumer from the heartbeat
     */
    public Registration addConsumer(Supplier<HeartbeatData.ConsumerData> consumer) {
        consumers.add(consumer);
        sendToAll();
        return () -> consumers.remove(consumer);
    }

    /** What the next heartbeat says. */
    public HeartbeatData heartbeatData() {
        Set<HeartbeatData.ProducerData> producers = new LinkedHashSet<>();
        for (String group : producerGroups) {
            producers.add(new HeartbeatData.ProducerData(group));
        }
        Set<HeartbeatData.ConsumerData> consumerData = new LinkedHashSet<>();
        for (Supplier<HeartbeatData.ConsumerData> consumer : consumers) {
            consumerData.add(consumer.get());
        }
        return new HeartbeatData(clientId, producers, consumerData);
    }

    /** Sends the heartbeat to every known broker (masters and replicas); failures are logged. */
    public CompletableFuture<Void> sendToAll() {
        return sendTo(brokers.addresses());
    }

    /** Sends the heartbeat to these brokers; nothing when the client has no group. Failures are logged. */
    public CompletableFuture<Void> sendTo(Collection<String> addresses) {
        if (addresses.isEmpty() || (producerGroups.isEmpty() && consumers.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = RemotingJson.encode(heartbeatData());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : addresses) {
            RemotingCommand request = Invoker.request(RequestCode.HEART_BEAT, null, body);
            sent.add(invoker.invoke(address, request, timeout, "heartbeat of client " + clientId)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            LOG.log(Level.WARNING, "heartbeat to {0} failed: {1}", address,
                                    Invoker.unwrap(error).getMessage());
                        } else if (response.code() != ResponseCode.SUCCESS) {
                            LOG.log(Level.WARNING, "heartbeat refused by {0}: {1} {2}", address,
                                    Codes.response(response.code()), response.remark());
                        }
                    }));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(error -> null);
    }

    /**
     * Tells every known broker that this client left {@code producerGroup} and/or {@code consumerGroup}
     * (either may be null), waiting at most the request timeout; failures are logged (a broker that
     * does not hear it drops the client when its heartbeats stop).
     */
    public void unregister(String producerGroup, String consumerGroup) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : brokers.addresses()) {
            RemotingCommand request = Invoker.request(RequestCode.UNREGISTER_CLIENT,
                    new UnregisterClientHeader(clientId, producerGroup, consumerGroup), null);
            sent.add(invoker.invoke(address, request, timeout, "unregistering client " + clientId)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            LOG.log(Level.WARNING, "unregistering from {0} failed: {1}", address,
                                    Invoker.unwrap(error).getMessage());
                        }
                    }));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // each failure was logged above
        }
    }
}
