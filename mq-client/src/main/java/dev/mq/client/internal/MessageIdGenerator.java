package dev.mq.client.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes message ids (the UNIQ_KEY property) in the official client's format
 * ({@code remoting-protocol.md} section 4.5), 32 uppercase hex characters for an IPv4 host:
 * client IP (4 bytes), process id (2), a 4-byte discriminator, milliseconds since the start of the
 * current month (4), a counter (2).
 *
 * <p>The official client puts its class loader's hash code in the discriminator and has one
 * generator per class loader. Here each {@code MqClient} has its own generator, so the discriminator
 * is the class loader's hash XOR a random number per generator: two clients in one process then
 * differ in their prefix, not only in their counters. Readers treat the id as opaque either way.
 * Thread-safe; one id costs one counter increment and one 32-char string.
 */
public final class MessageIdGenerator {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Clock clock;
    private final ZoneId zone;
    private final char[] prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private volatile long monthStart;
    private volatile long nextMonthStart;

    /**
     * Creates a generator.
     *
     * @param address       the client's address (4 or 16 bytes go into the id)
     * @param pid           the process id (its low 16 bits go into the id)
     * @param discriminator 4 bytes that tell generators of one process apart
     * @param clock         the time source
     */
    public MessageIdGenerator(InetAddress address, long pid, int discriminator, Clock clock) {
        this.clock = clock;
        this.zone = clock.getZone();
        byte[] ip = address.getAddress();
        ByteBuffer fixed = ByteBuffer.allocate(ip.length + 2 + 4);
        fixed.put(ip).putShort((short) pid).putInt(discriminator);
        this.prefix = hex(fixed.array());
        setMonth(clock.millis());
    }

    /** The next id. */
    public String next() {
        long now = clock.millis();
        if (now >= nextMonthStart) {
            setMonth(now);
        }
        int sinceMonthStart = (int) (now - monthStart);
        int count = counter.getAndIncrement();
        char[] id = new char[prefix.length + 12];
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        int at = prefix.length;
        for (int shift = 28; shift >= 0; shift -= 4) {
            id[at++] = HEX[(sinceMonthStart >>> shift) & 0xF];
        }
        for (int shift = 12; shift >= 0; shift -= 4) {
            id[at++] = HEX[(count >>> shift) & 0xF];
        }
        return new String(id);
    }

    private synchronized void setMonth(long now) {
        if (now < nextMonthStart && now >= monthStart) {
            return;
        }
        ZonedDateTime start = Instant.ofEpochMilli(now).atZone(zone).withDayOfMonth(1).toLocalDate().atStartOfDay(zone);
        monthStart = start.toInstant().toEpochMilli();
        nextMonthStart = start.plusMonths(1).toInstant().toEpochMilli();
    }

    private static char[] hex(byte[] bytes) {
        char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return text;
    }
}
