package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of GET_TOPICS_BY_CLUSTER (224, admin to name server): the topics with queues on the
 * brokers of one cluster ({@code remoting-protocol.md} section 3.10). The answer is a TopicList body.
 *
 * @param cluster {@code cluster}, R: the cluster name
 */
public record GetTopicsByClusterHeader(String cluster) implements CommandHeader {

    private static final String CLUSTER = "cluster";

    /** Reads the header of a GET_TOPICS_BY_CLUSTER request. */
    public static GetTopicsByClusterHeader read(RemotingCommand request) {
        return new GetTopicsByClusterHeader(request.requireExt(CLUSTER));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(CLUSTER, cluster);
    }
}
