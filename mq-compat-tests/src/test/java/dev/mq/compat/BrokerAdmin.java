package dev.mq.compat;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;

/**
 * Broker requests the official rocketmq-client does not offer without a route (its admin tools
 * live in rocketmq-tools), sent with our own remoting client.
 */
final class BrokerAdmin implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 5_000;

    private final String brokerAddr;
    private final RemotingClient client = new RemotingClient(RemotingClientConfig.defaults());

    BrokerAdmin(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }

    /** UPDATE_AND_CREATE_TOPIC with {@code queues} read and write queues, read-write permission. */
    RemotingCommand createTopic(String topic, int queues) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC);
        request.putExt("topic", topic);
        request.putExt("defaultTopic", Clients.TEMPLATE_TOPIC);
        request.putExt("readQueueNums", queues);
        request.putExt("writeQueueNums", queues);
        request.putExt("perm", 6);
        request.putExt("topicFilterType", "SINGLE_TAG");
        request.putExt("topicSysFlag", 0);
        request.putExt("order", false);
        return client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS);
    }

    /** QUERY_CONSUMER_OFFSET: the committed offset, or -1 when the broker has none. */
    long committedOffset(String group, String topic, int queueId) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET);
        request.putExt("consumerGroup", group);
        request.putExt("topic", topic);
        request.putExt("queueId", queueId);
        request.putExt("setZeroIfNotFound", false);
        RemotingCommand response = client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS);
        if (response.getCode() == ResponseCode.QUERY_NOT_FOUND) {
            return -1;
        }
        if (response.getCode() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("QUERY_CONSUMER_OFFSET failed: " + response.getCode() + " "
                    + response.getRemark());
        }
        return response.requireExtLong("offset");
    }

    @Override
    public void close() {
        client.close();
    }
}
