package dev.mq.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void topicNameCharactersAreCheckedOneByOne() {
        for (String allowed : new String[] {"a", "Z", "09", "%RETRY%cg", "a|b", "a_b-c", "Orders_1-%RETRY%|x"}) {
            assertThat(TopicNames.checkSendable(allowed).isValid()).as(allowed).isTrue();
        }
        for (String refused : new String[] {"a.b", "a b", "a/b", "é", "a\tb", "a#b", "a:b"}) {
            assertThat(TopicNames.checkSendable(refused).problem()).as(refused).contains("may only contain");
        }
    }

    @Test
    void emptyLongAndSystemNamesAreRefusedWithTheirReason() {
        assertThat(TopicNames.checkSendable(null).problem()).isEqualTo("the topic name is empty");
        assertThat(TopicNames.checkSendable(" ").problem()).isEqualTo("the topic name is empty");
        assertThat(TopicNames.checkSendable("t".repeat(127)).isValid()).isTrue();
        assertThat(TopicNames.checkSendable("t".repeat(128)).problem()).contains("127");
        for (String system : new String[] {"TBW102", "SCHEDULE_TOPIC_XXXX", "rmq_sys_wheel_timer",
                "RMQ_SYS_TRANS_HALF_TOPIC", "RMQ_SYS_TRANS_OP_HALF_TOPIC", "TRANS_CHECK_MAX_TIME_TOPIC"}) {
            assertThat(TopicNames.checkSendable(system).problem()).as(system).contains("system topic");
        }
    }

    @Test
    void kindsFollowThePrefixesAndTheSystemTopics() {
        assertThat(TopicNames.kind("Orders")).isEqualTo(TopicNames.Kind.NORMAL);
        assertThat(TopicNames.kind(TopicNames.retryTopic("g"))).isEqualTo(TopicNames.Kind.RETRY);
        assertThat(TopicNames.kind(TopicNames.deadLetterTopic("g"))).isEqualTo(TopicNames.Kind.DEAD_LETTER);
        assertThat(TopicNames.kind("SCHEDULE_TOPIC_XXXX")).isEqualTo(TopicNames.Kind.SYSTEM);
        assertThat(TopicNames.retryTopic("g")).isEqualTo("%RETRY%g");
        assertThat(TopicNames.deadLetterTopic("g")).isEqualTo("%DLQ%g");
        assertThat(TopicNames.isTransactionSystem("RMQ_SYS_TRANS_HALF_TOPIC")).isTrue();
        assertThat(TopicNames.isTransactionSystem("TBW102")).isFalse();
    }

    @Test
    void aValidResultHasNoProblemToReport() {
        Validation valid = TopicNames.checkSendable("Orders");

        assertThat(valid.isValid()).isTrue();
        assertThatThrownBy(valid::problem).isInstanceOf(IllegalStateException.class);
    }
}
