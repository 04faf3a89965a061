package dev.mq.server.broker.registration;

import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationBodiesTest {

    /** Apache's and our default frame limit ({@code com.rocketmq.remoting.frameMaxLength}). */
    private static final int FRAME_LIMIT = 16 * 1024 * 1024;

    private static Map<String, TopicConfig> topics(int count, String prefix) {
        Map<String, TopicConfig> topics = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-%06d", prefix, i);
            topics.put(name, TopicConfig.of(name, 4, Permissions.READ_WRITE));
        }
        return topics;
    }

    @Test
    void fiftyThousandTopicsOfFourQueuesRegisterInBodiesWellUnderTheFrameLimit() {
        Map<String, TopicConfig> topics = topics(50_000, "orders-eu-west-service");
        List<RegistrationBodies.Part> parts = RegistrationBodies.split(topics, new DataVersion(7, 0, 1),
                true, BrokerRegistrar.DEFAULT_MAX_BODY_BYTES);
        // about 200 bytes a topic: 10 MB in all, so two bodies of at most 8 MiB
        assertThat(parts).hasSizeBetween(1, 2);
        Set<String> seen = new HashSet<>();
        for (RegistrationBodies.Part part : parts) {
            assertThat(part.body().length).as("body bytes").isLessThanOrEqualTo(BrokerRegistrar.DEFAULT_MAX_BODY_BYTES)
                    .isLessThan(FRAME_LIMIT);
            seen.addAll(RemotingJson.decode(part.body(), RegisterBrokerBody.class).topicConfigSerializeWrapper()
                    .topicConfigTable().keySet());
        }
        assertThat(seen).isEqualTo(topics.keySet());
    }

    @Test
    void aTableThatFitsIsOneCompleteBody() {
        Map<String, TopicConfig> topics = topics(30_000, "orders");
        List<RegistrationBodies.Part> parts = RegistrationBodies.split(topics, new DataVersion(7, 0, 1),
                true, BrokerRegistrar.DEFAULT_MAX_BODY_BYTES);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).complete()).isTrue();
        assertThat(parts.get(0).topics()).isEqualTo(30_000);
    }

    @Test
    void aTableLargerThanTheLimitGoesInPartsWithinItCoveringEveryTopicWithDistinctVersions() {
        Map<String, TopicConfig> topics = topics(200_000, "a-rather-long-topic-name-for-a-big-tenant-of-the-platform");
        int limit = BrokerRegistrar.DEFAULT_MAX_BODY_BYTES;
        List<RegistrationBodies.Part> parts = RegistrationBodies.split(topics, new DataVersion(9, 0, 5), true, limit);
        assertThat(parts.size()).isGreaterThan(1);
        Set<String> seen = new HashSet<>();
        Set<DataVersion> versions = new HashSet<>();
        for (RegistrationBodies.Part part : parts) {
            assertThat(part.body().length).isLessThanOrEqualTo(limit);
            assertThat(part.complete()).as("a part is never the complete table").isFalse();
            RegisterBrokerBody body = RemotingJson.decode(part.body(), RegisterBrokerBody.class);
            seen.addAll(body.topicConfigSerializeWrapper().topicConfigTable().keySet());
            versions.add(body.topicConfigSerializeWrapper().dataVersion());
        }
        assertThat(seen).isEqualTo(topics.keySet());
        assertThat(versions).hasSize(parts.size());
    }
}
