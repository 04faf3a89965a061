package dev.mq.server.broker.send;

import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.RequestProcessor;
import dev.mq.protocol.body.Permissions;
import dev.mq.protocol.body.TopicConfig;
import dev.mq.server.broker.state.TopicTable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InlineSendProcessorTest {

    @TempDir
    Path dir;

    private final ExecutorService slowPath = Executors.newSingleThreadExecutor(r -> new Thread(r, "slow-path"));

    @AfterEach
    void stop() throws InterruptedException {
        slowPath.shutdownNow();
        slowPath.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Answers with a response whose remark is the name of the thread that processed the request. */
    private static final RequestProcessor THREAD_NAME = (channel, request) ->
            CompletableFuture.completedFuture(RemotingCommand.response(0, Thread.currentThread().getName()));

    private InlineSendProcessor processor(RequestProcessor delegate) {
        TopicTable topics = new TopicTable(dir, Clock.systemUTC(), true, 8);
        topics.put(TopicConfig.of("Known", 4, Permissions.READ_WRITE));
        return new InlineSendProcessor(delegate, topics, slowPath);
    }

    private static RemotingCommand sendV2(String topic) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).putExt("a", "pg").putExt("b", topic);
    }

    private static String processedOn(InlineSendProcessor processor, RemotingCommand request) throws Exception {
        return processor.process(null, request).get(5, TimeUnit.SECONDS).remark();
    }

    @Test
    void aSendToAnExistingTopicRunsOnTheCallingThread() throws Exception {
        InlineSendProcessor processor = processor(THREAD_NAME);
        assertThat(processedOn(processor, sendV2("Known"))).isEqualTo(Thread.currentThread().getName());
        RemotingCommand v1 = RemotingCommand.request(RequestCode.SEND_MESSAGE).putExt("topic", "Known");
        assertThat(processedOn(processor, v1)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void sendsThatMayWriteBrokerStateRunOnTheSlowPath() throws Exception {
        InlineSendProcessor processor = processor(THREAD_NAME);
        assertThat(processedOn(processor, sendV2("NotYetCreated"))).as("topic creation").isEqualTo("slow-path");
        assertThat(processedOn(processor, sendV2(TopicNames.RETRY_PREFIX + "group"))).as("retry topic")
                .isEqualTo("slow-path");
        assertThat(processedOn(processor, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)))
                .as("no topic: the send handler reports it").isEqualTo("slow-path");
    }

    @Test
    void aFailureOnTheSlowPathFailsTheResponseFuture() {
        InlineSendProcessor processor = processor((channel, request) -> {
            throw new IllegalStateException("cannot write topics.json");
        });
        assertThatThrownBy(() -> processor.process(null, sendV2("NotYetCreated")).get(5, TimeUnit.SECONDS))
                .hasRootCauseMessage("cannot write topics.json");
    }
}
