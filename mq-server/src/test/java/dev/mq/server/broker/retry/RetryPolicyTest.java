package dev.mq.server.broker.retry;

import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.state.SubscriptionGroups;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final DelayLevels levels = new DelayLevels(Collections.nCopies(18, Duration.ofSeconds(1)));

    @Test
    void theBrokerPicksLevelThreePlusEarlierRetries() {
        assertThat(RetryPolicy.sendBack(0, 16, 0, levels)).isEqualTo(new RetryPolicy.Decision(false, 3));
        assertThat(RetryPolicy.sendBack(5, 16, 0, levels)).isEqualTo(new RetryPolicy.Decision(false, 8));
        assertThat(RetryPolicy.sendBack(15, 16, 0, levels)).isEqualTo(new RetryPolicy.Decision(false, 18));
    }

    @Test
    void levelsAreClampedToTheHighest() {
        DelayLevels three = new DelayLevels(Collections.nCopies(3, Duration.ofSeconds(1)));
        assertThat(RetryPolicy.sendBack(4, 16, 0, three)).isEqualTo(new RetryPolicy.Decision(false, 3));
        assertThat(RetryPolicy.sendBack(0, 16, 40, levels)).isEqualTo(new RetryPolicy.Decision(false, 18));
    }

    @Test
    void theConsumersLevelWins() {
        assertThat(RetryPolicy.sendBack(2, 16, 1, levels)).isEqualTo(new RetryPolicy.Decision(false, 1));
    }

    @Test
    void usedUpRetriesOrANegativeLevelGoToTheDeadLetterTopic() {
        assertThat(RetryPolicy.sendBack(16, 16, 0, levels).deadLetter()).isTrue();
        assertThat(RetryPolicy.sendBack(2, 2, 5, levels).deadLetter()).isTrue();
        assertThat(RetryPolicy.sendBack(0, 16, -1, levels).deadLetter()).isTrue();
        assertThat(RetryPolicy.sendBack(1, 2, 0, levels).deadLetter()).isFalse();
    }

    @Test
    void aRetrySentAsAMessageIsADeadLetterOnlyBeyondTheLimit() {
        assertThat(RetryPolicy.sendToDeadLetter(16, 16)).isFalse();
        assertThat(RetryPolicy.sendToDeadLetter(17, 16)).isTrue();
    }

    @Test
    void theGroupsLimitAppliesUnlessTheConsumerSentOne() {
        SubscriptionGroups.Group group = SubscriptionGroups.Group.defaults("g");
        assertThat(RetryPolicy.maxReconsumeTimes(null, group)).isEqualTo(16);
        assertThat(RetryPolicy.maxReconsumeTimes(-1, group)).isEqualTo(16);
        assertThat(RetryPolicy.maxReconsumeTimes(2, group)).isEqualTo(2);
    }
}
