package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BROKER_ADDR;
import static dev.mq.protocol.header.ExtFields.BROKER_ID;
import static dev.mq.protocol.header.ExtFields.BROKER_NAME;
import static dev.mq.protocol.header.ExtFields.CLUSTER_NAME;

/**
 * The header of UNREGISTER_BROKER (104, broker to name server): a broker leaves
 * ({@code remoting-protocol.md} section 3.1). The answer has no header.
 *
 * <p>The protocol has the broker send all four fields; our name server finds the broker by its
 * address alone, so {@code read} requires only that.
 *
 * @param brokerName  {@code brokerName}, o (R in the protocol): the broker's name, or null
 * @param brokerAddr  {@code brokerAddr}, R: the address the broker registered with
 * @param clusterName {@code clusterName}, o (R in the protocol): the broker's cluster, or null
 * @param brokerId    {@code brokerId}, o (R in the protocol): 0 for a master, or null
 */
public record UnregisterBrokerHeader(String brokerName, String brokerAddr, String clusterName, Long brokerId)
        implements CommandHeader {

    /** Reads the header of an UNREGISTER_BROKER request. */
    public static UnregisterBrokerHeader read(RemotingCommand request) {
        String brokerAddr = request.requireExt(BROKER_ADDR);
        return new UnregisterBrokerHeader(request.ext(BROKER_NAME), brokerAddr, request.ext(CLUSTER_NAME),
                request.extLong(BROKER_ID));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(BROKER_NAME, brokerName)
                .putExt(BROKER_ADDR, brokerAddr)
                .putExt(CLUSTER_NAME, clusterName)
                .putExt(BROKER_ID, brokerId);
    }
}
