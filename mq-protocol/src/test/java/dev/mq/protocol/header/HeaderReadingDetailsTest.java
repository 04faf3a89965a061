package dev.mq.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;

import org.junit.jupiter.api.Test;

/** Readings particular to one header, kept as our server reads them today. */
class HeaderReadingDetailsTest {

    @Test
    void onlyTheExactTextTrueMakesAUniqueKeyQuery() {
        RemotingCommand query = RemotingCommand.request(RequestCode.QUERY_MESSAGE).putExt("topic", "T")
                .putExt("key", "k").putExt("maxNum", 1).putExt("beginTimestamp", 0).putExt("endTimestamp", 1);
        assertThat(QueryMessageHeader.read(query.putExt("_UNIQUE_KEY_QUERY", "true")).uniqueKeyQuery()).isTrue();
        assertThat(QueryMessageHeader.read(query.putExt("_UNIQUE_KEY_QUERY", "TRUE")).uniqueKeyQuery()).isFalse();
        assertThat(QueryMessageHeader.read(query.putExt("_UNIQUE_KEY_QUERY", "false")).uniqueKeyQuery()).isFalse();
    }

    @Test
    void onlyUpperSearchesTheUpperBoundary() {
        assertThat(new SearchOffsetHeader("T", 0, 1L, "UPPER").upper()).isTrue();
        assertThat(new SearchOffsetHeader("T", 0, 1L, "LOWER").upper()).isFalse();
        assertThat(new SearchOffsetHeader("T", 0, 1L, "upper").upper()).isFalse();
        assertThat(new SearchOffsetHeader("T", 0, 1L, null).upper()).isFalse();
    }

    @Test
    void transactionDecisionsHaveTheSysFlagValues() {
        // remoting-protocol.md section 2.3
        assertThat(EndTransactionHeader.UNKNOWN).isZero();
        assertThat(EndTransactionHeader.COMMIT).isEqualTo(8);
        assertThat(EndTransactionHeader.ROLLBACK).isEqualTo(12);
    }

    @Test
    void aNegativeDelayLevelIsKeptForTheDeadLetterQueue() {
        RemotingCommand back = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK).putExt("offset", 1)
                .putExt("group", "g").putExt("delayLevel", -1);
        assertThat(ConsumerSendMsgBackHeader.read(back).delayLevel()).isEqualTo(-1);
    }
}
