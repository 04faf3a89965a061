package dev.mq.console;

import dev.mq.client.ConsumeFrom;
import dev.mq.client.MqClient;
import dev.mq.client.PushConsumer;

import java.time.Duration;

/** Push consumers that react within a second or two: short rebalance, commit and long-polling intervals. */
final class QuickConsumers {

    private QuickConsumers() {
    }

    /** A push consumer of {@code group} from the first offset, to be given a topic and a listener. */
    static PushConsumer.Builder of(MqClient client, String group) {
        return client.pushConsumer(group).consumeFrom(ConsumeFrom.FIRST_OFFSET).rebalanceInterval(Duration.ofSeconds(1))
                .offsetCommitInterval(Duration.ofMillis(200)).longPolling(Duration.ofSeconds(2))
                .shutdownTimeout(Duration.ofSeconds(5));
    }
}
