package dev.mq.server.broker.retry;

import dev.mq.protocol.body.RemotingJson;
import dev.mq.server.broker.delay.DelayLevels;
import dev.mq.server.broker.retry.RetryPolicy;
import dev.mq.server.broker.state.GroupRetryPolicy;
import dev.mq.server.broker.state.SubscriptionGroups;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class GroupRetryPolicyTest {

    private static GroupRetryPolicy exponential(long initial, long max, long multiplier) {
        return new GroupRetryPolicy("EXPONENTIAL", new GroupRetryPolicy.Exponential(initial, max, multiplier), null);
    }

    private static GroupRetryPolicy customized(long... next) {
        return new GroupRetryPolicy("CUSTOMIZED", null, new GroupRetryPolicy.Customized(next));
    }

    private static List<Long> delays(GroupRetryPolicy policy, int retries) {
        return IntStream.range(0, retries).mapToObj(n -> policy.delayOf(n).orElseThrow().toMillis()).toList();
    }

    @Test
    void exponentialDelaysGrowByTheMultiplierUpToTheMax() {
        assertThat(delays(exponential(1000, 5000, 2), 6)).containsExactly(1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
        assertThat(delays(exponential(5000, 7_200_000, 3), 3)).containsExactly(5000L, 15000L, 45000L);
        assertThat(delays(exponential(700, 700, 1), 3)).containsExactly(700L, 700L, 700L);
    }

    @Test
    void exponentialDelaysDoNotOverflow() {
        GroupRetryPolicy huge = exponential(1000, Long.MAX_VALUE / 2, 1000);
        assertThat(huge.delayOf(10_000).orElseThrow().toMillis()).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(huge.delayOf(-3).orElseThrow().toMillis()).as("negative counts as the first retry").isEqualTo(1000);
    }

    @Test
    void customizedDelaysStartAtTheThirdEntryLikeTheLevelTableAndStayAtTheLast() {
        // Apache's index is reconsumeTimes + 2: the default list is the level table, retries start at level 3
        assertThat(delays(customized(100, 200, 300, 400, 500), 5)).containsExactly(300L, 400L, 500L, 500L, 500L);
        assertThat(delays(customized(900), 2)).containsExactly(900L, 900L);
    }

    @Test
    void aTypeWithoutItsPolicyMeansTheClassicLevels() {
        assertThat(new GroupRetryPolicy("CUSTOMIZED", null, null).delayOf(0)).isEmpty();
        assertThat(new GroupRetryPolicy("EXPONENTIAL", null, null).delayOf(0)).isEmpty();
        assertThat(new GroupRetryPolicy(null, null, null).delayOf(0)).isEmpty();
        assertThat(new GroupRetryPolicy("CUSTOMIZED", exponential(1, 2, 2).exponentialRetryPolicy(), null).delayOf(0))
                .as("the policy of the other type is ignored").isEmpty();
    }

    @Test
    void badPoliciesAreNamed() {
        assertThat(exponential(0, 10, 2).check("groupRetryPolicy").problem()).contains("groupRetryPolicy.exponentialRetryPolicy");
        assertThat(exponential(10, 5, 2).check("p").problem()).contains("max >= initial");
        assertThat(exponential(10, 50, 0).check("p").problem()).contains("multiplier >= 1");
        assertThat(customized().check("p").problem()).contains("p.customizedRetryPolicy.next");
        assertThat(customized(100, -1).check("p").problem()).contains("positive");
        assertThat(new GroupRetryPolicy("LINEAR", null, null).check("p").problem()).contains("p.type");
        assertThat(exponential(10, 50, 0).delayOf(1)).as("an unusable policy falls back to the levels").isEmpty();
        assertThat(new GroupRetryPolicy("CUSTOMIZED", null, new GroupRetryPolicy.Customized(null)).delayOf(1)).isEmpty();
        assertThat(exponential(1000, 5000, 2).check("p").isValid()).isTrue();
        assertThat(customized(1000).check("p").isValid()).isTrue();
    }

    @Test
    void aGroupConfigAsApache5SendsItLoadsWithItsPolicyAndUnknownFields() {
        String json = "{\"brokerId\":0,\"consumeBroadcastEnable\":true,\"consumeEnable\":true,"
                + "\"consumeFromMinEnable\":true,\"consumeMessageOrderly\":false,\"consumeTimeoutMinute\":15,"
                + "\"groupName\":\"g1\",\"groupRetryPolicy\":{\"exponentialRetryPolicy\":{\"initial\":1000,"
                + "\"max\":8000,\"multiplier\":2},\"type\":\"EXPONENTIAL\"},\"groupSysFlag\":0,"
                + "\"notifyConsumerIdsChangedEnable\":true,\"retryMaxTimes\":3,\"retryQueueNums\":1,"
                + "\"whichBrokerWhenConsumeSlowly\":1,\"attributes\":{},\"subscriptionDataSet\":[]}";
        SubscriptionGroups.Group group = RemotingJson.decode(json.getBytes(StandardCharsets.UTF_8),
                SubscriptionGroups.Group.class);
        assertThat(group.groupName()).isEqualTo("g1");
        assertThat(group.retryMaxTimes()).isEqualTo(3);
        assertThat(group.check().isValid()).isTrue();
        assertThat(group.groupRetryPolicy().delayOf(2)).isEqualTo(Optional.of(Duration.ofSeconds(4)));

        String customizedJson = "{\"groupName\":\"g2\",\"retryMaxTimes\":16,\"retryQueueNums\":1,"
                + "\"groupRetryPolicy\":{\"type\":\"CUSTOMIZED\",\"customizedRetryPolicy\":{\"next\":[1,2,3000]}}}";
        SubscriptionGroups.Group g2 = RemotingJson.decode(customizedJson.getBytes(StandardCharsets.UTF_8),
                SubscriptionGroups.Group.class);
        assertThat(g2.groupRetryPolicy().delayOf(0)).isEqualTo(Optional.of(Duration.ofSeconds(3)));
        // and what we write reads back the same
        SubscriptionGroups.Group again = RemotingJson.decode(RemotingJson.encode(g2), SubscriptionGroups.Group.class);
        assertThat(again).isEqualTo(g2);
    }

    @Test
    void aPolicyDelayIsRoundedUpToTheNextDelayLevel() {
        DelayLevels levels = new DelayLevels(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(RetrySchedule.levelFor(Duration.ofMillis(1), levels)).isEqualTo(1);
        assertThat(RetrySchedule.levelFor(Duration.ofSeconds(1), levels)).isEqualTo(1);
        assertThat(RetrySchedule.levelFor(Duration.ofMillis(1001), levels)).isEqualTo(2);
        assertThat(RetrySchedule.levelFor(Duration.ofSeconds(4), levels)).isEqualTo(3);
        assertThat(RetrySchedule.levelFor(Duration.ofSeconds(10), levels)).isEqualTo(4);
        assertThat(RetrySchedule.levelFor(Duration.ofHours(2), levels)).as("longer than any level").isEqualTo(4);
    }

    @Test
    void theBrokerUsesTheGroupsPolicyUnlessTheConsumerAsksForALevel() {
        DelayLevels levels = new DelayLevels(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5)));
        GroupRetryPolicy policy = exponential(1000, 4000, 2);
        assertThat(RetryPolicy.sendBack(0, 16, 0, levels, policy))
                .isEqualTo(new RetryPolicy.Decision(false, 1, Duration.ofSeconds(1)));
        assertThat(RetryPolicy.sendBack(2, 16, 0, levels, policy))
                .isEqualTo(new RetryPolicy.Decision(false, 4, Duration.ofSeconds(4)));
        assertThat(RetryPolicy.sendBack(2, 16, 5, levels, policy)).as("the consumer's level")
                .isEqualTo(new RetryPolicy.Decision(false, 5));
        assertThat(RetryPolicy.sendBack(3, 3, 0, levels, policy).deadLetter()).isTrue();
        assertThat(RetryPolicy.sendBack(0, 16, 0, levels, new GroupRetryPolicy("CUSTOMIZED", null, null)))
                .as("classic").isEqualTo(new RetryPolicy.Decision(false, 3));
    }
}
