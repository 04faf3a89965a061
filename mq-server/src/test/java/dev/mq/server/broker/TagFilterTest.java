package dev.mq.server.broker;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagFilterTest {

    @Test
    void starAndBlankMatchEverything() {
        assertThat(TagFilter.parse("*")).isNull();
        assertThat(TagFilter.parse(" ")).isNull();
        assertThat(TagFilter.parse(null)).isNull();
    }

    @Test
    void alternativesMatchTheirTagsOnly() {
        var filter = TagFilter.parse("TagA || TagB");
        assertThat(filter.matches("TagA".hashCode())).isTrue();
        assertThat(filter.matches("TagB".hashCode())).isTrue();
        assertThat(filter.matches("TagC".hashCode())).isFalse();
        assertThat(filter.matches(0)).isFalse();
    }

    @Test
    void offsetMessageIdsUseTheRocketMqFormatAndRoundTrip() {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        assertThat(MessageIds.offsetMessageId(host, 0)).isEqualTo("7F00000100002A9F0000000000000000");
        String id = MessageIds.offsetMessageId(host, 123456789L);
        assertThat(MessageIds.commitLogOffset(id)).isEqualTo(123456789L);
        assertThatThrownBy(() -> MessageIds.commitLogOffset("ABCD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetMessageIdsFollowTheirStoreHost() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 10911);
        InetSocketAddress other = new InetSocketAddress("10.1.2.3", 20911);
        assertThat(MessageIds.offsetMessageId(local, Long.MAX_VALUE)).isEqualTo("7F00000100002A9F7FFFFFFFFFFFFFFF");
        assertThat(MessageIds.offsetMessageId(other, 0xABCDEF0123456789L)).isEqualTo("0A010203000051AFABCDEF0123456789");
        assertThat(MessageIds.offsetMessageId(local, 1L)).isEqualTo("7F00000100002A9F0000000000000001");
        assertThat(MessageIds.offsetMessageId(new InetSocketAddress("127.0.0.1", 10912), 1L))
                .isEqualTo("7F00000100002AA00000000000000001");
    }

    @Test
    void topicNameCharactersAreCheckedOneByOne() {
        for (String allowed : new String[] {"a", "Z", "09", "%RETRY%cg", "a|b", "a_b-c"}) {
            assertThat(SendProcessor.checkTopicName(allowed)).as(allowed).isNull();
        }
        for (String refused : new String[] {"a.b", "a b", "a/b", "é", "a\tb", "a#b", "a:b"}) {
            assertThat(SendProcessor.checkTopicName(refused)).as(refused).contains("may only contain");
        }
    }

    @Test
    void topicNamesFollowTheClientRules() {
        assertThat(SendProcessor.checkTopicName("Orders_1-%RETRY%|x")).isNull();
        assertThat(SendProcessor.checkTopicName("bad topic")).contains("may only contain");
        assertThat(SendProcessor.checkTopicName("t".repeat(128))).contains("127");
        assertThat(SendProcessor.checkTopicName("TBW102")).contains("system topic");
    }
}
