package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CONSUMER_GROUP;
import static dev.mq.protocol.header.ExtFields.PRODUCER_GROUP;

/**
 * The header of UNREGISTER_CLIENT (35): a client leaves a producer or consumer group at shutdown
 * ({@code remoting-protocol.md} section 3.5). The answer has no header.
 *
 * @param clientId      {@code clientID}, o (R in the protocol; our broker finds the client by its
 *                      connection and ignores it): {@code clientIP@instanceName}, or null
 * @param producerGroup {@code producerGroup}, o: the producer group left, or null
 * @param consumerGroup {@code consumerGroup}, o: the consumer group left, or null
 */
public record UnregisterClientHeader(String clientId, String producerGroup, String consumerGroup)
        implements CommandHeader {

    private static final String CLIENT_ID = "clientID";

    /** Reads the header of an UNREGISTER_CLIENT request. */
    public static UnregisterClientHeader read(RemotingCommand request) {
        return new UnregisterClientHeader(request.ext(CLIENT_ID), request.ext(PRODUCER_GROUP),
                request.ext(CONSUMER_GROUP));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CLIENT_ID, clientId)
                .putExt(PRODUCER_GROUP, producerGroup)
                .putExt(CONSUMER_GROUP, consumerGroup);
    }
}
