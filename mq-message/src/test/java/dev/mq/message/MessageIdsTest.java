package dev.mq.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 10911);

    @Test
    void offsetMessageIdsUseTheRocketMqFormat() {
        assertThat(MessageIds.offsetMessageId(LOCAL, 0)).isEqualTo("7F00000100002A9F0000000000000000");
        assertThat(MessageIds.offsetMessageId(LOCAL, 1L)).isEqualTo("7F00000100002A9F0000000000000001");
        assertThat(MessageIds.offsetMessageId(LOCAL, Long.MAX_VALUE)).isEqualTo("7F00000100002A9F7FFFFFFFFFFFFFFF");
        assertThat(MessageIds.offsetMessageId(new InetSocketAddress("10.1.2.3", 20911), 0xABCDEF0123456789L))
                .isEqualTo("0A010203000051AFABCDEF0123456789");
        assertThat(MessageIds.offsetMessageId(new InetSocketAddress("127.0.0.1", 10912), 1L))
                .isEqualTo("7F00000100002AA00000000000000001");
    }

    @Test
    void ipv6StoreHostsGiveLongerIds() {
        InetSocketAddress host = new InetSocketAddress("::1", 10911);
        String id = MessageIds.offsetMessageId(host, 42);

        assertThat(id).hasSize(56).startsWith("00000000000000000000000000000001").endsWith("00002A9F000000000000002A");
        assertThat(MessageIds.storeHost(id)).isEqualTo(host);
        assertThat(MessageIds.commitLogOffset(id)).isEqualTo(42);
    }

    @Property(tries = 200)
    void idsGiveBackTheirHostAndOffset(@ForAll @IntRange(min = 0, max = 255) int lastByte,
                                       @ForAll @IntRange(min = 0, max = 65535) int port,
                                       @ForAll @LongRange(min = 0) long offset) {
        InetSocketAddress host = new InetSocketAddress("192.168.7." + lastByte, port);
        String id = MessageIds.offsetMessageId(host, offset);

        assertThat(id).hasSize(32).isUpperCase();
        assertThat(MessageIds.commitLogOffset(id)).isEqualTo(offset);
        assertThat(MessageIds.storeHost(id)).isEqualTo(host);
    }

    @Test
    void textThatIsNoOffsetIdIsRefused() {
        for (String bad : new String[] {"ABCD", "", "7F00000100002A9F00000000000000", "ZZ00000100002A9F0000000000000000"}) {
            assertThatThrownBy(() -> MessageIds.commitLogOffset(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an offset message id");
            assertThatThrownBy(() -> MessageIds.storeHost(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
