package dev.mq.compat;

import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.RemotingJson;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

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
        if (response.code() == ResponseCode.QUERY_NOT_FOUND) {
            return -1;
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("QUERY_CONSUMER_OFFSET failed: " + response.code() + " "
                    + response.remark());
        }
        return response.requireExtLong("offset");
    }

    /** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP with a SubscriptionGroupConfig JSON body. */
    RemotingCommand updateSubscriptionGroup(String json) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
        request.setBody(json.getBytes(StandardCharsets.UTF_8));
        return client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS);
    }

    /** LIST_DEAD_LETTERS (dev.mq extension): one page of the group's dead letters, as a JSON tree. */
    JsonNode listDeadLetters(String group, long offset, int maxCount) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.LIST_DEAD_LETTERS);
        request.putExt("group", group);
        request.putExt("offset", offset);
        request.putExt("maxCount", maxCount);
        return json(client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS), "LIST_DEAD_LETTERS");
    }

    /** RESEND_DEAD_LETTERS (dev.mq extension) with a JSON body; the answer as a JSON tree. */
    JsonNode resendDeadLetters(String group, String body) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.RESEND_DEAD_LETTERS);
        request.putExt("group", group);
        request.setBody(body.getBytes(StandardCharsets.UTF_8));
        return json(client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS), "RESEND_DEAD_LETTERS");
    }

    private static JsonNode json(RemotingCommand response, String what) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException(what + " failed: " + response.code() + " " + response.remark());
        }
        return RemotingJson.mapper().readTree(response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
