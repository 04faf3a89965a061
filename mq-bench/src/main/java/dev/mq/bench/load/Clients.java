package dev.mq.bench.load;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * The official Apache RocketMQ client as the load tool configures it: client defaults except for
 * the name server, the group, an instance name of its own (so producer and consumer of one run do
 * not share a client instance with anything else) and no VIP channel (a second port only Apache's
 * broker opens).
 */
final class Clients {

    private Clients() {
    }

    static DefaultMQProducer producer(LoadOptions options, String instance) {
        DefaultMQProducer producer = new DefaultMQProducer(options.group());
        producer.setNamesrvAddr(options.namesrv());
        producer.setInstanceName(instance);
        producer.setVipChannelEnabled(false);
        return producer;
    }

    static DefaultMQPushConsumer pushConsumer(LoadOptions options, String instance, int threads, boolean fromFirst) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(options.group());
        consumer.setNamesrvAddr(options.namesrv());
        consumer.setInstanceName(instance);
        consumer.setVipChannelEnabled(false);
        consumer.setConsumeFromWhere(fromFirst ? ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET
                : ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.setConsumeThreadMin(threads);
        consumer.setConsumeThreadMax(threads);
        return consumer;
    }

    /** A short name of a failure for the error counts. */
    static String errorKind(Throwable e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof MQBrokerException broker) {
            kind += "(code " + broker.getResponseCode() + ")";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? kind : kind + "/" + cause.getClass().getSimpleName();
    }
}
