package dev.mq.client.internal.consumer;

import dev.mq.client.MqClientException;
import dev.mq.client.MqException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.internal.Invoker;
import dev.mq.client.internal.TopicRoute;
import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.body.MessageQueue;
import dev.mq.protocol.header.ConsumerSendMsgBackHeader;
import dev.mq.protocol.header.SendMessageHeader;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Hands a message that was not consumed back to the broker: CONSUMER_SEND_MSG_BACK, after which the
 * broker stores a copy in the group's retry topic after its back-off delay (delay level 0: 3 +
 * earlier retries), or in the dead-letter topic once {@code maxReconsumeTimes} retries were used up
 * (or at once, with delay level -1). When that call fails, the message is sent as a new message to
 * {@code %RETRY%<group>} with the retry properties (RETRY_TOPIC, ORIGIN_MESSAGE_ID, RECONSUME_TIME,
 * MAX_RECONSUME_TIMES, DELAY) and header fields {@code j}/{@code l}, keeping its message id, to the
 * message's own broker first, then to the other brokers of the retry topic; brokers put such a
 * message in the dead-letter topic when {@code j > l}.
 *
 * <p>This does not use the producer's send engine: that one gives every send a new message id, and a
 * retried message must keep its own. Blocking; called on consumer threads. Thread-safe.
 */
final class SendBack {

    private static final System.Logger LOG = System.getLogger(SendBack.class.getName());
    /** The producer group of the fallback sends, as the official client's inner producer. */
    static final String INNER_PRODUCER_GROUP = "CLIENT_INNER_PRODUCER";
    private static final int FIRST_RETRY_LEVEL = 3;

    private final ConsumerRequests requests;
    private final String group;
    private final String retryTopic;
    private final Duration timeout;

    SendBack(ConsumerRequests requests) {
        this.requests = requests;
        this.group = requests.group();
        this.retryTopic = TopicNames.retryTopic(group);
        this.timeout = requests.core().settings().requestTimeout();
    }

    /**
     * Has {@code message} delivered again later (or dead-lettered once its retries are used up).
     *
     * @return whether a broker took it; false: keep it and try again later
     */
    boolean retry(ReceivedMessage message, int maxReconsumeTimes) {
        return handBack(message, 0, maxReconsumeTimes);
    }

    /**
     * Puts {@code message} in the dead-letter topic now.
     *
     * @return whether a broker took it
     */
    boolean deadLetter(ReceivedMessage message, int maxReconsumeTimes) {
        return handBack(message, -1, maxReconsumeTimes);
    }

    private boolean handBack(ReceivedMessage message, int delayLevel, int maxReconsumeTimes) {
        MqException sendBackFailure;
        try {
            sendBack(message, delayLevel, maxReconsumeTimes);
            return true;
        } catch (MqException e) {
            sendBackFailure = e;
        }
        try {
            sendToRetryTopic(message, delayLevel < 0, maxReconsumeTimes);
            LOG.log(Level.INFO, "group {0}: send-back of {1} failed ({2}); sent it to {3} instead", group,
                    message.messageId(), sendBackFailure.getMessage(), retryTopic);
            return true;
        } catch (MqException e) {
            e.addSuppressed(sendBackFailure);
            LOG.log(Level.WARNING, "group " + group + ": cannot hand " + message + " back for "
                    + (delayLevel < 0 ? "the dead-letter queue" : "a retry") + "; it stays with this consumer and is "
                    + "tried again later", e);
            return false;
        }
    }

    private void sendBack(ReceivedMessage message, int delayLevel, int maxReconsumeTimes) {
        String address = requests.masterAddress(message.brokerName());
        RemotingCommand request = Invoker.request(RequestCode.CONSUMER_SEND_MSG_BACK, new ConsumerSendMsgBackHeader(
                message.commitLogOffset(), group, delayLevel, message.messageId(), message.topic(), Boolean.FALSE,
                maxReconsumeTimes, message.brokerName()), null);
        requests.core().invoker().invokeSyncOk(address, request, timeout, "send-back of " + message.messageId()
                + " for group " + group);
    }

    private void sendToRetryTopic(ReceivedMessage message, boolean deadLetter, int maxReconsumeTimes) {
        int reconsumeTimes = deadLetter ? Math.max(message.reconsumeTimes() + 1, maxReconsumeTimes + 1)
                : message.reconsumeTimes() + 1;
        Map<String, String> properties = new HashMap<>(message.systemProperties());
        properties.putAll(message.properties());
        properties.remove(PropertyNames.TRANSACTION_PREPARED);
        properties.remove(PropertyNames.DELAY);
        properties.putIfAbsent(PropertyNames.RETRY_TOPIC, message.topic());
        properties.putIfAbsent(PropertyNames.ORIGIN_MESSAGE_ID, message.messageId());
        properties.put(PropertyNames.RECONSUME_TIME, Integer.toString(reconsumeTimes));
        properties.put(PropertyNames.MAX_RECONSUME_TIMES, Integer.toString(maxReconsumeTimes));
        if (!deadLetter) {
            properties.put(PropertyNames.DELAY, Integer.toString(FIRST_RETRY_LEVEL + message.reconsumeTimes()));
        }
        String text = MessageProperties.format(properties);
        List<MqException> failures = new ArrayList<>();
        for (MessageQueue queue : candidates(message.brokerName())) {
            String address;
            try {
                address = requests.masterAddress(queue.brokerName());
            } catch (MqException e) {
                failures.add(e);
                continue;
            }
            RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2);
            new SendMessageHeader(INNER_PRODUCER_GROUP, retryTopic, TopicNames.AUTO_CREATE_TEMPLATE,
                    SendMessageHeader.DEFAULT_TOPIC_QUEUE_NUMS, queue.queueId(), 0, message.bornTimestamp().toEpochMilli(),
                    0, text, reconsumeTimes, Boolean.FALSE, maxReconsumeTimes, false, queue.brokerName())
                    .writeV2To(request);
            request.setBody(message.body());
            String what = "send of " + message.messageId() + " to " + retryTopic;
            try {
                RemotingCommand response = requests.core().invoker().invokeSync(address, request, timeout, what);
                if (stored(response.code())) {
                    return;
                }
                failures.add(Invoker.brokerError(what, address, response));
            } catch (MqException e) {
                failures.add(e);
            }
        }
        MqException last = failures.isEmpty()
                ? new MqClientException("no broker to send " + message.messageId() + " to " + retryTopic)
                : failures.get(failures.size() - 1);
        for (int i = 0; i < failures.size() - 1; i++) {
            last.addSuppressed(failures.get(i));
        }
        throw last;
    }

    /** The message's own broker (queue 0 of the retry topic) first, then the retry topic's other brokers. */
    private List<MessageQueue> candidates(String ownBroker) {
        Set<MessageQueue> queues = new LinkedHashSet<>();
        queues.add(new MessageQueue(retryTopic, ownBroker, 0));
        try {
            TopicRoute route = requests.core().routes().route(retryTopic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> brokers = new LinkedHashSet<>();
            brokers.add(ownBroker);
            for (MessageQueue queue : route.writeQueues()) {
                if (brokers.add(queue.brokerName())) {
                    queues.add(queue);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no route of {0}: {1}", retryTopic, Invoker.unwrap(e).getMessage());
        }
        return List.copyOf(queues);
    }

    private static boolean stored(int code) {
        return code == ResponseCode.SUCCESS || code == ResponseCode.FLUSH_DISK_TIMEOUT
                || code == ResponseCode.FLUSH_SLAVE_TIMEOUT || code == ResponseCode.SLAVE_NOT_AVAILABLE;
    }

    @Override
    public String toString() {
        return "SendBack[" + group + "]";
    }
}
