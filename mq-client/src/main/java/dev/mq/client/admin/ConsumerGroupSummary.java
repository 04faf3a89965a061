package dev.mq.client.admin;

import java.util.Optional;
import java.util.Set;

/**
 * One consumer group in the group list.
 *
 * @param group         the group
 * @param system        whether it is one of the brokers' own groups ({@code TOOLS_CONSUMER}, {@code CID_RMQ_SYS_*}, ...)
 * @param onlineClients clients connected now
 * @param consumeType   push, pull or pop, when a client is online
 * @param messageModel  clustering or broadcasting, when a client is online
 * @param totalLag      messages not consumed yet over all its topics and brokers (see {@link Lag})
 * @param brokers       brokers that know the group
 */
public record ConsumerGroupSummary(String group, boolean system, int onlineClients, Optional<ConsumeType> consumeType,
                                   Optional<MessageModel> messageModel, Lag totalLag, Set<String> brokers) {

    /** Makes {@code brokers} an unmodifiable copy. */
    public ConsumerGroupSummary {
        brokers = Set.copyOf(brokers);
    }
}
