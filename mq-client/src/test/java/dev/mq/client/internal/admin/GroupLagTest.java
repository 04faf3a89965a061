package dev.mq.client.internal.admin;

import dev.mq.client.admin.Lag;
import dev.mq.client.admin.QueueRef;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lag rule of one queue, including the cases the integration tests cannot make quickly: a queue
 * that dropped old messages (retention) and a group consuming from a timestamp.
 */
class GroupLagTest {

    private static final Target BROKER = new Target("broker-a", "127.0.0.1:10911");
    private static final QueueRef QUEUE = new QueueRef("T", "broker-a", 0);

    private static Lag lag(long brokerOffset, OptionalLong committed, long minOffset, boolean broadcasting,
                           String consumeFromWhere) {
        GroupOps.Resolved queue = new GroupOps.Resolved(BROKER, new Bodies.OffsetRow(QUEUE, brokerOffset,
                committed.orElse(0), 0), committed, minOffset);
        return GroupOps.lag(queue, broadcasting, consumeFromWhere);
    }

    @Test
    void aCommittedOffsetGivesAnExactLagNeverNegative() {
        assertThat(lag(10, OptionalLong.of(4), 0, false, null)).isEqualTo(Lag.of(6));
        assertThat(lag(10, OptionalLong.of(10), 0, false, null)).isEqualTo(Lag.ZERO);
        assertThat(lag(10, OptionalLong.of(15), 0, false, null)).isEqualTo(Lag.ZERO);
        assertThat(lag(10, OptionalLong.of(2), 6, false, null)).as("messages before 6 were dropped").isEqualTo(Lag.of(4));
        assertThat(lag(10, OptionalLong.of(4), -1, false, null)).as("min offset not known").isEqualTo(Lag.of(6));
    }

    @Test
    void withoutACommittedOffsetAYoungQueueLagsByAllItHoldsAndOtherwiseTheLagIsUnknown() {
        assertThat(lag(10, OptionalLong.empty(), 0, false, "CONSUME_FROM_LAST_OFFSET")).isEqualTo(Lag.of(10));
        assertThat(lag(10, OptionalLong.empty(), 0, false, null)).isEqualTo(Lag.of(10));
        assertThat(lag(10, OptionalLong.empty(), 3, false, "CONSUME_FROM_FIRST_OFFSET")).isEqualTo(Lag.UNKNOWN);
        assertThat(lag(10, OptionalLong.empty(), 0, false, "CONSUME_FROM_TIMESTAMP")).isEqualTo(Lag.UNKNOWN);
        assertThat(lag(0, OptionalLong.empty(), 0, false, null)).isEqualTo(Lag.ZERO);
        assertThat(lag(10, OptionalLong.empty(), 10, false, null)).as("everything dropped").isEqualTo(Lag.ZERO);
    }

    @Test
    void broadcastingGroupsKeepTheirOffsetsInTheirClients() {
        assertThat(lag(10, OptionalLong.of(4), 0, true, null)).isEqualTo(Lag.UNKNOWN);
    }
}
