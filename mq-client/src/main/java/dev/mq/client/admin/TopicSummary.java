package dev.mq.client.admin;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One topic in the topic list.
 *
 * @param name          the topic
 * @param kind          normal, retry, dead-letter or system
 * @param readQueues    read queues over all brokers holding it (0 when no broker reported it)
 * @param writeQueues   write queues over all brokers holding it
 * @param brokers       the brokers holding it
 * @param order         whether any broker marks it ordered
 * @param messageType   the 5.x {@code message.type} attribute (NORMAL, FIFO, DELAY, TRANSACTION), if set
 * @param totalMessages messages stored now (sum over queues of max - min offset); empty when a broker
 *                      that holds it, or may hold it (one whose topic list could not be read), could not
 *                      say: then the listing's issues say which
 */
public record TopicSummary(String name, TopicKind kind, int readQueues, int writeQueues, Set<String> brokers,
                           boolean order, Optional<String> messageType, OptionalLong totalMessages) {

    /** Makes {@code brokers} an unmodifiable copy. */
    public TopicSummary {
        brokers = Set.copyOf(brokers);
    }
}
