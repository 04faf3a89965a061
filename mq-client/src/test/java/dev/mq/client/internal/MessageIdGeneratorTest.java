package dev.mq.client.internal;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Message ids in the official format: IP, pid, discriminator, time since month start, counter. */
class MessageIdGeneratorTest {

    /** A clock tests move by hand. */
    private static final class ManualClock extends Clock {
        final AtomicLong millis;

        ManualClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }

    private static byte[] bytes(String id) {
        return HexFormat.of().parseHex(id);
    }

    private static int intAt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    @Test
    void anIdIs32UppercaseHexDigitsOfIpPidDiscriminatorTimeAndCounter() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-05T10:00:00.123Z"));
        MessageIdGenerator generator = new MessageIdGenerator(InetAddress.getByName("10.1.2.3"), 0x12345,
                0xCAFEBABE, clock);

        String first = generator.next();
        String second = generator.next();

        assertThat(first).matches("[0-9A-F]{32}");
        byte[] id = bytes(first);
        assertThat(first).startsWith("0A010203" + "2345" + "CAFEBABE");
        long sinceMonthStart = Instant.parse("2026-03-05T10:00:00.123Z").toEpochMilli()
                - Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        assertThat(intAt(id, 10)).isEqualTo((int) sinceMonthStart);
        assertThat(first.substring(28)).isEqualTo("0000");
        assertThat(second.substring(28)).isEqualTo("0001");
        assertThat(second.substring(0, 28)).isEqualTo(first.substring(0, 28));
    }

    @Test
    void theTimeCountsFromTheStartOfTheCurrentMonth() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-31T23:59:59.999Z"));
        MessageIdGenerator generator = new MessageIdGenerator(InetAddress.getByName("10.1.2.3"), 1, 2, clock);
        int endOfJanuary = intAt(bytes(generator.next()), 10);

        clock.millis.addAndGet(2);

        assertThat(endOfJanuary).isEqualTo(31 * 86_400_000 - 1);
        assertThat(intAt(bytes(generator.next()), 10)).isEqualTo(1);
    }

    @Test
    void idsAreUniqueAcrossThreadsAndAcrossGeneratorsOfOneProcess() throws Exception {
        InetAddress address = InetAddress.getByName("10.1.2.3");
        Clock clock = Clock.systemUTC();
        MessageIdGenerator one = new MessageIdGenerator(address, 7, 1, clock);
        MessageIdGenerator two = new MessageIdGenerator(address, 7, 2, clock);
        Set<String> ids = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 4).parallel().forEach(thread -> {
            for (int i = 0; i < 20_000; i++) {
                ids.add(one.next());
                ids.add(two.next());
            }
        });

        assertThat(ids).hasSize(160_000);
    }

    @Test
    void anIpv6ClientMakesLongerIds() throws Exception {
        MessageIdGenerator generator = new MessageIdGenerator(InetAddress.getByName("::1"), 1, 2, Clock.systemUTC());
        assertThat(generator.next()).matches("[0-9A-F]{56}");
    }
}
