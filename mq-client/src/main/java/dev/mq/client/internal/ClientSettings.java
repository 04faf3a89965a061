package dev.mq.client.internal;

import dev.mq.client.MqClientException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Validated settings of one client ({@code MqClient.Builder} fills them); the first bad value stops
 * the build with a message that names the setting.
 *
 * @param namesrvAddresses     name servers, {@code host:port} each, tried in order
 * @param requestTimeout       how long calls other than sends wait for an answer (route lookups,
 *                             heartbeats, unregistering)
 * @param routeRefreshInterval how often the routes of known topics are fetched again
 * @param heartbeatInterval    how often the client tells every known broker its groups
 * @param callbackThreads      threads that complete futures, run transaction checkers and handle
 *                             requests from brokers
 * @param ioThreads            network I/O threads
 * @param connectTimeout       how long opening a connection may take
 * @param instanceName         the part of the client id after the IP (unique per client in a process)
 */
public record ClientSettings(List<String> namesrvAddresses, Duration requestTimeout, Duration routeRefreshInterval,
                             Duration heartbeatInterval, int callbackThreads, int ioThreads, Duration connectTimeout,
                             String instanceName) {

    /** Checks every value. */
    public ClientSettings {
        Objects.requireNonNull(namesrvAddresses, "namesrvAddresses");
        if (namesrvAddresses.isEmpty()) {
            throw new MqClientException("namesrv: at least one name server address (host:port) is needed");
        }
        for (String address : namesrvAddresses) {
            checkAddress(address);
        }
        namesrvAddresses = List.copyOf(namesrvAddresses);
        positive("requestTimeout", requestTimeout);
        positive("routeRefreshInterval", routeRefreshInterval);
        positive("heartbeatInterval", heartbeatInterval);
        positive("connectTimeout", connectTimeout);
        if (callbackThreads < 1) {
            throw new MqClientException("callbackThreads must be at least 1, got " + callbackThreads);
        }
        if (ioThreads < 1) {
            throw new MqClientException("ioThreads must be at least 1, got " + ioThreads);
        }
        if (instanceName == null || instanceName.isBlank() || instanceName.contains("@")) {
            throw new MqClientException("instanceName must be a non-blank name without '@', got '" + instanceName + "'");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new MqClientException(name + " must be a positive duration below 24 days, got " + value);
        }
    }

    private static void checkAddress(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        boolean valid = colon > 0 && colon < address.length() - 1;
        if (valid) {
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                valid = port > 0 && port <= 65535;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new MqClientException("namesrv: '" + address + "' is not host:port");
        }
    }
}
