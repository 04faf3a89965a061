package dev.mq.client.internal.consumer;

import dev.mq.client.MqClientException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionTest {

    @Test
    void starBlankAndNullMatchEverything() {
        for (String expression : new String[] {"*", " * ", "", null, "A || *"}) {
            Subscription subscription = Subscription.of("T", expression, 1);
            assertThat(subscription.matchesAll()).as(String.valueOf(expression)).isTrue();
            assertThat(subscription.expression()).isEqualTo("*");
            assertThat(subscription.matches(null)).isTrue();
        }
    }

    @Test
    void tagsAreSplitOnDoubleBarsTrimmedAndCheckedByExactString() {
        Subscription subscription = Subscription.of("T", " A ||B|| C ", 7);
        assertThat(subscription.tags()).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(subscription.matches("A")).isTrue();
        assertThat(subscription.matches("C")).isTrue();
        assertThat(subscription.matches("a")).isFalse();
        assertThat(subscription.matches("A ")).isFalse();
        assertThat(subscription.matches(null)).isFalse();
        assertThat(subscription.toHeartbeat().codeSet()).containsExactlyInAnyOrder("A".hashCode(), "B".hashCode(),
                "C".hashCode());
        assertThat(subscription.toHeartbeat().subVersion()).isEqualTo(7);
        assertThat(subscription.toHeartbeat().expressionType()).isEqualTo("TAG");
    }

    @Test
    void aTagWithTheSameHashIsStillTurnedAway() {
        // "Aa" and "BB" share String.hashCode: brokers filtering by hash let "BB" through for "Aa"
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(Subscription.of("T", "Aa", 1).matches("BB")).isFalse();
    }

    @Test
    void badTopicsAndExpressionsAreRefused() {
        assertThatThrownBy(() -> Subscription.of("T", "||", 1)).isInstanceOf(MqClientException.class)
                .hasMessageContaining("names no tag");
        assertThatThrownBy(() -> Subscription.of("", "*", 1)).hasMessageContaining("topic name is empty");
        assertThatThrownBy(() -> Subscription.of("a b", "*", 1)).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> Subscription.of("TBW102", "*", 1)).hasMessageContaining("system topic");
        assertThat(Subscription.of("%RETRY%g", "*", 1).matchesAll()).isTrue();
    }
}
