package dev.mq.server.broker.stats;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.server.broker.MovableClock;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class StatsRecorderTest {

    private final BrokerStats stats = new BrokerStats("c", new MovableClock(Instant.parse("2026-01-05T12:00:00Z")));

    private void answer(RemotingCommand request, RemotingCommand response) throws Exception {
        new StatsRecorder((connection, r) -> CompletableFuture.completedFuture(response), stats)
                .process(null, request).join();
    }

    @Test
    void aBatchCountsEachOfItsMessagesAndAFailedSendNothing() throws Exception {
        RemotingCommand batch = RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE).putExt("b", "T");
        answer(batch, RemotingCommand.responseTo(batch, ResponseCode.SUCCESS, null).putExt("msgId", "A,B,C"));
        RemotingCommand single = RemotingCommand.request(RequestCode.SEND_MESSAGE).putExt("topic", "T");
        answer(single, RemotingCommand.responseTo(single, ResponseCode.SUCCESS, null).putExt("msgId", "D"));
        answer(single, RemotingCommand.responseTo(single, ResponseCode.SYSTEM_ERROR, "no"));

        assertThat(stats.messagesIn("T")).isEqualTo(4);
        assertThat(stats.view(BrokerStats.TOPIC_PUT_NUMS, "T").orElseThrow().minute().avgpt()).isEqualTo(2.0);
    }

    @Test
    void aPullCountsItsRecordsAndBytesForItsGroupAndAnEmptyOneAsAMiss() throws Exception {
        RemotingCommand pull = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", "cg").putExt("topic", "T");
        byte[] body = new byte[100];
        ByteBuffer.wrap(body).putInt(0, 60).putInt(60, 40);
        answer(pull, RemotingCommand.responseTo(pull, ResponseCode.SUCCESS, null).setBody(body));
        answer(pull, RemotingCommand.responseTo(pull, ResponseCode.PULL_NOT_FOUND, null));
        answer(pull, RemotingCommand.responseTo(pull, ResponseCode.PULL_OFFSET_MOVED, null));

        var messages = stats.view(BrokerStats.GROUP_GET_NUMS, "T@cg").orElseThrow();
        assertThat(messages.minute().sum()).isEqualTo(2);
        assertThat(stats.view(BrokerStats.GROUP_GET_SIZE, "T@cg").orElseThrow().minute().sum()).isEqualTo(100);
        BrokerStats.Rates rates = stats.rates();
        assertThat(rates.pullsMissed()[2] / rates.pullsFound()[2]).as("two misses per hit").isEqualTo(2.0);
    }
}
