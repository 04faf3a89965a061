package dev.mq.server.broker.state;

import dev.mq.store.MessageStore;

import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The broker's shared parts, handed to each request handler. Every part has one owner (the
 * broker), which creates, starts and closes it.
 *
 * @param brokerName       this broker's name
 * @param cluster          its cluster
 * @param storeHost        the advertised address (in records and offset message ids)
 * @param autoCreateTopic  whether sends may create topics
 * @param topicsChanged    called after a topic was created or changed (re-registers with name servers)
 */
public record BrokerContext(String brokerName, String cluster, InetSocketAddress storeHost, boolean autoCreateTopic,
                            MessageStore store, TopicTable topics, ConsumerOffsets offsets,
                            SubscriptionGroups groups, ClientRegistry clients, QueueLocks locks, Clock clock,
                            Runnable topicsChanged) {

    /** {@code host:port} as clients connect to it. */
    public String address() {
        return address(storeHost);
    }

    /** {@code ip:port} of a resolved address, as routes publish a broker. */
    public static String address(InetSocketAddress host) {
        return host.getAddress().getHostAddress() + ":" + host.getPort();
    }
}
