package dev.mq.samples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.mq.client.MqClient;
import dev.mq.client.admin.TopicSummary;
import dev.mq.test.EmbeddedMqExtension;
import dev.mq.test.EmbeddedMqServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topics made at a sample's start: missing ones created, existing ones untouched. */
class MissingTopicsTest {

    @RegisterExtension
    static final EmbeddedMqExtension MQ = EmbeddedMqExtension.withTopics("Existing").queues(2);

    @Test
    void createsMissingTopicsAndLeavesExistingOnes(EmbeddedMqServer server) {
        try (MqClient client = MqClient.builder().namesrv(server.namesrvAddress()).build()) {
            MissingTopics.create(client, List.of("Existing", "Created"));

            assertThat(client.admin().topics().topic("Created")).map(TopicSummary::writeQueues)
                    .contains(MissingTopics.QUEUES);
            assertThat(client.admin().topics().topic("Existing")).map(TopicSummary::writeQueues).contains(2);
        }
    }

    @Test
    void saysWhichTopicsItCouldNotCreate() {
        try (MqClient client = MqClient.builder().namesrv("127.0.0.1:1").build()) {
            assertThatThrownBy(() -> MissingTopics.create(client, List.of("Orders")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("[Orders]");
        }
    }
}
