package dev.mq.client.admin;

import java.util.Optional;

/**
 * One broker process as the name server lists it, with its runtime figures when it answered.
 *
 * @param cluster  the cluster it belongs to
 * @param name     the broker name (a master and its replicas share it)
 * @param brokerId 0 for the master, above 0 for a replica
 * @param address  {@code host:port} clients use
 * @param runtime  its runtime figures; empty when it could not be asked (see the overview's issues)
 */
public record BrokerInfo(String cluster, String name, long brokerId, String address,
                         Optional<BrokerRuntimeStats> runtime) {

    /** Whether this is the master of its broker name. */
    public boolean isMaster() {
        return brokerId == 0;
    }

    /** The version the broker reports (e.g. {@code V5_5_0}, {@code mq-server}), if it answered. */
    public Optional<String> version() {
        return runtime.flatMap(BrokerRuntimeStats::version);
    }
}
