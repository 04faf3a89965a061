package dev.mq.samples.support;

import java.util.List;

import dev.mq.client.MqClient;

import org.springframework.beans.factory.InitializingBean;

/**
 * A bean that creates a sample's missing topics ({@link MissingTopics}) when it is initialised, which
 * is before the listeners start. Without it a listener of a topic that only a first send would
 * create gets no route at start, and its messages only after its next rebalance (about 20 s later).
 */
public final class SampleTopics implements InitializingBean {

    private final MqClient client;
    private final List<String> topics;

    /** Topics to make sure of through {@code client}'s admin. */
    public SampleTopics(MqClient client, String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("name at least one topic");
        }
        this.client = client;
        this.topics = List.of(topics);
    }

    @Override
    public void afterPropertiesSet() {
        MissingTopics.create(client, topics);
    }
}
