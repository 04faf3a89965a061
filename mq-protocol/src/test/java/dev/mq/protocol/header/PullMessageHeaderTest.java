package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.RequestCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PullMessageHeaderTest {

    private static RemotingCommand pull() {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", "g")
                .putExt("topic", "t")
                .putExt("queueId", 3)
                .putExt("queueOffset", 42L)
                .putExt("maxMsgNums", 32)
                .putExt("sysFlag", PullMessageHeader.FLAG_COMMIT_OFFSET | PullMessageHeader.FLAG_SUSPEND);
    }

    @Test
    void requiredFieldsAreReadAndOptionalOnesAreNullWhenAbsent() {
        PullMessageHeader header = PullMessageHeader.read(pull());
        assertThat(header).isEqualTo(new PullMessageHeader("g", "t", 3, 42L, 32,
                PullMessageHeader.FLAG_COMMIT_OFFSET | PullMessageHeader.FLAG_SUSPEND, null, null, null, null, null, null,
                null));
        assertThat(header.has(PullMessageHeader.FLAG_SUSPEND)).isTrue();
        assertThat(header.has(PullMessageHeader.FLAG_SUBSCRIPTION)).isFalse();
    }

    @Test
    void optionalFieldsAreReadWhenPresent() {
        PullMessageHeader header = PullMessageHeader.read(pull()
                .putExt("commitOffset", 40L)
                .putExt("suspendTimeoutMillis", 15000L)
                .putExt("maxMsgBytes", 1024)
                .putExt("subscription", "a || b")
                .putExt("expressionType", "TAG"));
        assertThat(header.commitOffset()).isEqualTo(40L);
        assertThat(header.suspendTimeoutMillis()).isEqualTo(15000L);
        assertThat(header.maxMsgBytes()).isEqualTo(1024);
        assertThat(header.subscription()).isEqualTo("a || b");
        assertThat(header.expressionType()).isEqualTo("TAG");
    }

    @Test
    void topicAndGroupCanBeReadAloneForStatistics() {
        assertThat(PullMessageHeader.topicOf(pull())).isEqualTo("t");
        assertThat(PullMessageHeader.groupOf(pull())).isEqualTo("g");
        assertThat(PullMessageHeader.groupOf(RemotingCommand.request(RequestCode.PULL_MESSAGE))).isNull();
    }

    @Test
    void aMessageCountBelowOneReadsAsOne() {
        assertThat(PullMessageHeader.read(pull().putExt("maxMsgNums", 0)).maxMsgNums()).isEqualTo(1);
    }

    @Test
    void aMissingOrMalformedRequiredFieldIsNamed() {
        RemotingCommand noOffset = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", "g").putExt("topic", "t").putExt("queueId", 0)
                .putExt("maxMsgNums", 32).putExt("sysFlag", 0);
        assertThatThrownBy(() -> PullMessageHeader.read(noOffset))
                .isInstanceOf(RemotingCommandException.class).hasMessageContaining("queueOffset");
        assertThatThrownBy(() -> PullMessageHeader.read(pull().putExt("queueId", "x")))
                .isInstanceOf(RemotingCommandException.class).hasMessageContaining("queueId");
    }
}
