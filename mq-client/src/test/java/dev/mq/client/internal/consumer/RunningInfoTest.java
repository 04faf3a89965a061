package dev.mq.client.internal.consumer;

import dev.mq.client.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.body.ProcessQueueInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunningInfoTest {

    @Test
    void apacheAdminToolsReadTheBody() {
        ProcessQueue queue = new ProcessQueue(new MessageQueue("Orders", "broker-a", 2), 40);
        queue.add(List.of(ProcessQueueTest.message(40, 100), ProcessQueueTest.message(41, 100)), 42);
        byte[] body = RunningInfo.body(Map.of("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY",
                        "PROP_CONSUMER_START_TIMESTAMP", "1700000000000", "PROP_THREADPOOL_CORE_SIZE", "20"),
                List.of(Subscription.of("Orders", "A || B", 5), Subscription.of("%RETRY%g", "*", 5)),
                List.of(RunningInfo.QueueState.of(queue)));

        ConsumerRunningInfo info = ConsumerRunningInfo.decode(body, ConsumerRunningInfo.class);

        assertThat(info.getProperties().getProperty("PROP_CONSUME_TYPE")).isEqualTo("CONSUME_PASSIVELY");
        assertThat(info.getProperties().getProperty("PROP_THREADPOOL_CORE_SIZE")).isEqualTo("20");
        assertThat(info.getSubscriptionSet()).extracting(s -> s.getTopic() + ":" + s.getSubString())
                .containsExactlyInAnyOrder("Orders:A || B", "%RETRY%g:*");
        assertThat(info.getSubscriptionSet()).filteredOn(s -> s.getTopic().equals("Orders")).singleElement()
                .satisfies(s -> assertThat(s.getTagsSet()).containsExactlyInAnyOrder("A", "B"));
        assertThat(info.getMqTable()).hasSize(1);
        Map.Entry<org.apache.rocketmq.common.message.MessageQueue, ProcessQueueInfo> entry =
                info.getMqTable().firstEntry();
        assertThat(entry.getKey()).isEqualTo(new org.apache.rocketmq.common.message.MessageQueue("Orders", "broker-a", 2));
        assertThat(entry.getValue().getCommitOffset()).isEqualTo(40);
        assertThat(entry.getValue().getCachedMsgCount()).isEqualTo(2);
        assertThat(entry.getValue().getCachedMsgMinOffset()).isEqualTo(40);
        assertThat(entry.getValue().getCachedMsgMaxOffset()).isEqualTo(41);
        assertThat(ConsumerRunningInfo.analyzeProcessQueue("client", info)).isNotNull();
    }
}
