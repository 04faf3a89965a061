package dev.mq.client;

import dev.mq.client.internal.RecordDecoder;
import dev.mq.message.record.RecordView;
import dev.mq.protocol.RemotingClient;
import dev.mq.protocol.RemotingClientConfig;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingException;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.BrokerData;
import dev.mq.protocol.body.QueueData;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicRouteData;
import dev.mq.protocol.header.GetRouteInfoHeader;
import dev.mq.protocol.header.PullMessageHeader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a topic back as a consumer would, with PULL_MESSAGE on a transport of its own: every queue
 * of every broker the name server routes, from offset 0, decoded by {@link RecordDecoder}. A broker
 * that cannot be read is skipped: its messages are missing from the answer.
 */
final class Reader implements AutoCloseable {

    /** A pulled message with what the decoded form hides: the stored sysFlag and the broker. */
    record Pulled(ReceivedMessage message, int sysFlag, String brokerName) {
    }

    private final RemotingClient remoting = new RemotingClient(RemotingClientConfig.defaults());
    private final String namesrv;

    Reader(String namesrv) {
        this.namesrv = namesrv;
    }

    /** Every message of {@code topic} stored so far (empty when the topic has no route yet). */
    List<ReceivedMessage> messages(String topic) {
        return pulled(topic).stream().map(Pulled::message).toList();
    }

    /** Every message of {@code topic} stored so far, with sysFlag and broker. */
    List<Pulled> pulled(String topic) {
        RemotingCommand routeRequest = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        new GetRouteInfoHeader(topic, true).writeTo(routeRequest);
        RemotingCommand routeResponse = remoting.invokeSync(namesrv, routeRequest, 3000);
        if (routeResponse.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return List.of();
        }
        TopicRouteData route = RemotingJson.decode(routeResponse.body(), TopicRouteData.class);
        List<Pulled> messages = new ArrayList<>();
        for (QueueData queues : route.queueDatas()) {
            String address = route.brokerDatas().stream().filter(b -> b.brokerName().equals(queues.brokerName()))
                    .map(BrokerData::brokerAddrs).findFirst().orElseThrow().get(0L);
            try {
                for (int queueId = 0; queueId < queues.readQueueNums(); queueId++) {
                    pullQueue(address, queues.brokerName(), topic, queueId, messages);
                }
            } catch (RemotingException e) {
                // a broker that cannot be read (down, or a test's fake): what it holds is not counted
            }
        }
        return messages;
    }

    private void pullQueue(String address, String brokerName, String topic, int queueId, List<Pulled> into) {
        long offset = 0;
        while (true) {
            RemotingCommand pull = RemotingCommand.request(RequestCode.PULL_MESSAGE);
            new PullMessageHeader("test-reader", topic, queueId, offset, 32, PullMessageHeader.FLAG_SUBSCRIPTION, null,
                    null, null, "*", "TAG", 0L, brokerName).writeTo(pull);
            RemotingCommand response = remoting.invokeSync(address, pull, 3000);
            if (response.code() == ResponseCode.SUCCESS) {
                List<ReceivedMessage> decoded = RecordDecoder.decodeAll(response.body());
                ByteBuffer body = ByteBuffer.wrap(response.body());
                RecordView view = new RecordView();
                int position = 0;
                for (ReceivedMessage message : decoded) {
                    view.wrap(body, position);
                    into.add(new Pulled(message, view.sysFlag(), brokerName));
                    position += view.totalSize();
                }
            } else if (response.code() != ResponseCode.PULL_RETRY_IMMEDIATELY) {
                return;
            }
            long next = Long.parseLong(response.ext("nextBeginOffset"));
            if (next <= offset) {
                return;
            }
            offset = next;
        }
    }

    @Override
    public void close() {
        remoting.close();
    }
}
