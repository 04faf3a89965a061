package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.BROKER_ADDR;
import static dev.mq.protocol.header.ExtFields.BROKER_ID;
import static dev.mq.protocol.header.ExtFields.BROKER_NAME;
import static dev.mq.protocol.header.ExtFields.CLUSTER_NAME;
import static dev.mq.protocol.header.ExtFields.HA_SERVER_ADDR;

/**
 * The header of REGISTER_BROKER (103, broker to name server): a broker announces itself and its
 * topics, which travel in the RegisterBrokerBody ({@code remoting-protocol.md} section 3.1). The
 * answer is a {@link RegisterBrokerResponseHeader}.
 *
 * @param brokerName             {@code brokerName}, R: the broker's name
 * @param brokerAddr             {@code brokerAddr}, R: {@code ip:port} clients will use
 * @param clusterName            {@code clusterName}, R: the broker's cluster
 * @param haServerAddr           {@code haServerAddr}, o (R in the protocol; our name server ignores it): the
 *                               replication address, or null
 * @param brokerId               {@code brokerId}, R: 0 for a master
 * @param compressed             {@code compressed}, o: the body is compressed (our name server refuses
 *                               that); {@code read} defaults it to false as our name server does
 * @param bodyCrc32              {@code bodyCrc32}, o: CRC32 of the body masked with 0x7FFFFFFF, or null;
 *                               null or 0 means "don't check"
 * @param heartbeatTimeoutMillis {@code heartbeatTimeoutMillis}, o (5.x): or null; our name server ignores it
 * @param enableActingMaster     {@code enableActingMaster}, o (5.x): or null; our name server ignores it
 * @param zoneName               {@code __ZONE_NAME}, o: the broker's zone, or null; our name server
 *                               ignores it
 * @param completeTopicTable     {@code mqCompleteTopicTable}, o (ours, not Apache's): true when the body
 *                               holds every topic of the broker, so our name server drops the broker's
 *                               routes of topics missing from it; absent or false (every Apache
 *                               broker, and our broker's registrations of changed topics only), the
 *                               body's topics are added to or replace the broker's routes and the others
 *                               stay, as Apache's name server always does. Apache's name server ignores
 *                               the field.
 */
public record RegisterBrokerHeader(String brokerName, String brokerAddr, String clusterName, String haServerAddr,
                                   long brokerId, boolean compressed, Integer bodyCrc32, Long heartbeatTimeoutMillis,
                                   Boolean enableActingMaster, String zoneName, Boolean completeTopicTable)
        implements CommandHeader {

    private static final String COMPRESSED = "compressed";
    private static final String BODY_CRC32 = "bodyCrc32";
    private static final String HEARTBEAT_TIMEOUT_MILLIS = "heartbeatTimeoutMillis";
    private static final String ENABLE_ACTING_MASTER = "enableActingMaster";
    private static final String ZONE_NAME = "__ZONE_NAME";
    private static final String COMPLETE_TOPIC_TABLE = "mqCompleteTopicTable";

    /** A header without {@code completeTopicTable} (as Apache brokers send it). */
    public RegisterBrokerHeader(String brokerName, String brokerAddr, String clusterName, String haServerAddr,
                                long brokerId, boolean compressed, Integer bodyCrc32, Long heartbeatTimeoutMillis,
                                Boolean enableActingMaster, String zoneName) {
        this(brokerName, brokerAddr, clusterName, haServerAddr, brokerId, compressed, bodyCrc32,
                heartbeatTimeoutMillis, enableActingMaster, zoneName, null);
    }

    /** Whether the body holds every topic of the broker (see {@code completeTopicTable}). */
    public boolean isCompleteTopicTable() {
        return Boolean.TRUE.equals(completeTopicTable);
    }

    /** Reads the header of a REGISTER_BROKER request. */
    public static RegisterBrokerHeader read(RemotingCommand request) {
        String brokerName = request.requireExt(BROKER_NAME);
        String brokerAddr = request.requireExt(BROKER_ADDR);
        String clusterName = request.requireExt(CLUSTER_NAME);
        long brokerId = request.requireExtLong(BROKER_ID);
        return new RegisterBrokerHeader(brokerName, brokerAddr, clusterName, request.ext(HA_SERVER_ADDR), brokerId,
                Boolean.TRUE.equals(request.extBoolean(COMPRESSED)),
                request.extInt(BODY_CRC32),
                request.extLong(HEARTBEAT_TIMEOUT_MILLIS),
                request.extBoolean(ENABLE_ACTING_MASTER),
                request.ext(ZONE_NAME),
                request.extBoolean(COMPLETE_TOPIC_TABLE));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(BROKER_NAME, brokerName)
                .putExt(BROKER_ADDR, brokerAddr)
                .putExt(CLUSTER_NAME, clusterName)
                .putExt(HA_SERVER_ADDR, haServerAddr)
                .putExt(BROKER_ID, brokerId)
                .putExt(COMPRESSED, compressed)
                .putExt(BODY_CRC32, bodyCrc32)
                .putExt(HEARTBEAT_TIMEOUT_MILLIS, heartbeatTimeoutMillis)
                .putExt(ENABLE_ACTING_MASTER, enableActingMaster)
                .putExt(ZONE_NAME, zoneName)
                .putExt(COMPLETE_TOPIC_TABLE, completeTopicTable);
    }
}
