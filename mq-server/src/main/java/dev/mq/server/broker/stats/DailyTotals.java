package dev.mq.server.broker.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Apache's "today morning" and "yesterday morning" snapshots: the broker's running totals of
 * messages put and got (system topics left out) as they were at the last two midnights of the
 * broker's time zone. Tools subtract them: today's count is now minus this morning, yesterday's is
 * this morning minus yesterday morning. Before the broker has seen a midnight both are 0, the totals
 * at its start. Thread-safe.
 */
final class DailyTotals {

    /** The totals of one moment. */
    record Snapshot(long put, long got) {
    }

    private final ZoneId zone;
    private LocalDate day;
    private Snapshot todayMorning = new Snapshot(0, 0);
    private Snapshot yesterdayMorning = new Snapshot(0, 0);

    DailyTotals(ZoneId zone, long bootedAt) {
        this.zone = zone;
        this.day = dayOf(bootedAt);
    }

    /** Called with the live totals every second: at the first call of a new day, the mornings move on. */
    synchronized void update(long now, Snapshot totals) {
        LocalDate today = dayOf(now);
        if (today.isAfter(day)) {
            yesterdayMorning = todayMorning;
            todayMorning = totals;
            day = today;
        }
    }

    synchronized Snapshot todayMorning() {
        return todayMorning;
    }

    synchronized Snapshot yesterdayMorning() {
        return yesterdayMorning;
    }

    private LocalDate dayOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    }
}
