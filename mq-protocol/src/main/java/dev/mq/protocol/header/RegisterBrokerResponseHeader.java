package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.HA_SERVER_ADDR;

/**
 * The header of a REGISTER_BROKER (103) answer ({@code remoting-protocol.md} section 3.1). Both
 * fields may be absent; our name server sends neither, and our broker does not read them.
 *
 * @param haServerAddr {@code haServerAddr}, o: the master's replication address, for a slave; or null
 * @param masterAddr   {@code masterAddr}, o: the master's address, for a slave; or null
 */
public record RegisterBrokerResponseHeader(String haServerAddr, String masterAddr) implements CommandHeader {

    private static final String MASTER_ADDR = "masterAddr";

    /** Reads the header of a REGISTER_BROKER answer. */
    public static RegisterBrokerResponseHeader read(RemotingCommand response) {
        return new RegisterBrokerResponseHeader(response.ext(HA_SERVER_ADDR), response.ext(MASTER_ADDR));
    }

    @Override
    public void writeTo(RemotingCommand response) {
        response.putExt(HA_SERVER_ADDR, haServerAddr).putExt(MASTER_ADDR, masterAddr);
    }
}
