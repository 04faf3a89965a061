package dev.mq.samples.support;

import java.util.List;

import dev.mq.client.MqClient;
import dev.mq.client.MqException;
import dev.mq.client.admin.TopicListing;
import dev.mq.client.admin.TopicSpec;

/**
 * Creates topics the cluster does not have yet, with {@link #QUEUES} queues on every master broker;
 * existing topics are left as they are. Plain {@code mq-client}, no Spring.
 */
public final class MissingTopics {

    /** Queues of each topic the samples create. */
    public static final int QUEUES = 4;

    private MissingTopics() {
    }

    /**
     * Creates each of {@code topics} that the cluster does not have yet.
     *
     * @throws IllegalStateException when the cluster cannot be asked or refuses
     */
    public static void create(MqClient client, List<String> topics) {
        try {
            TopicListing existing = client.admin().topics();
            for (String topic : topics) {
                if (existing.topic(topic).isEmpty()) {
                    client.admin().createOrUpdateTopic(TopicSpec.builder(topic).queues(QUEUES).build()).orThrow();
                }
            }
        } catch (MqException e) {
            throw new IllegalStateException("could not create the topics " + topics
                    + " (is the server running at the name server address?)", e);
        }
    }
}
