package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import static dev.mq.protocol.header.ExtFields.CLUSTER_NAME;
import static dev.mq.protocol.header.ExtFields.TOPIC;

/**
 * The header of DELETE_TOPIC_IN_NAMESRV (216, admin to name server): forget a topic's route. The
 * answer has no header.
 *
 * @param topic       {@code topic}, R: the topic
 * @param clusterName {@code clusterName}, o: only the route entries of this cluster's brokers, or null
 *                    for all
 */
public record DeleteTopicFromNamesrvHeader(String topic, String clusterName) implements CommandHeader {

    /** Reads the header of a DELETE_TOPIC_IN_NAMESRV request. */
    public static DeleteTopicFromNamesrvHeader read(RemotingCommand request) {
        return new DeleteTopicFromNamesrvHeader(request.requireExt(TOPIC), request.ext(CLUSTER_NAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(TOPIC, topic).putExt(CLUSTER_NAME, clusterName);
    }
}
