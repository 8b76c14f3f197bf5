package io.vigil.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * The local time of a window's end in the zone of key {@code likelihood.daily.zone}, for the {@link DailyBaseline}'s
 * slots and day numbers. {@link #localMillis} reads an instant's local date and time as if they were UTC — local epoch
 * milliseconds — so that {@link DailyBaseline#slotOf} and the slots' day numbers are the local time of day and the local
 * epoch day. Daylight saving follows from that: a 23-hour day has no slots for the hour it skips, and on a 25-hour day
 * the repeated hour's windows fall into the same slots, of the same day, as the first pass through it.
 *
 * <p>Cheap on the per-window path: a fixed-offset zone (UTC) adds a constant; any other zone keeps the span between two
 * offset transitions that it last looked up and looks up another only when a window end falls outside it (twice a year
 * for a series scored in time order). Thread-safe: the span is an immutable object, and a thread that sees a stale or
 * no span looks one up itself.
 */
public final class DailyClock {
    /** The clock of the default zone, UTC: local time is epoch time. */
    public static final DailyClock UTC = new DailyClock(CalibrationSettings.DEFAULT_DAILY_ZONE);

    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixed;
    private final long fixedOffsetMillis;
    /** The span of the last lookup; racy on purpose, see the class comment. */
    private Span span;

    /** Epoch ms {@code [from, until)} in which the zone's offset is {@code offsetMillis}. */
    private record Span(long from, long until, long offsetMillis) {
        boolean holds(long epochMillis) {
            return epochMillis >= from && epochMillis < until;
        }
    }

    private DailyClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, CalibrationSettings.KEY_DAILY_ZONE);
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffsetMillis = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    public static DailyClock of(ZoneId zone) {
        return zone.equals(UTC.zone) ? UTC : new DailyClock(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code epochMillis}' local date and time in the zone, as epoch ms of the same date and time in UTC. */
    public long localMillis(long epochMillis) {
        if (fixed) {
            return epochMillis + fixedOffsetMillis;
        }
        Span s = span;
        if (s == null || !s.holds(epochMillis)) {
            s = spanAt(epochMillis);
            span = s;
        }
        return epochMillis + s.offsetMillis;
    }

    /** The {@link DailyBaseline} slot of a window ending at {@code windowEnd} (epoch ms): its local half hour. */
    public int slotOf(long windowEnd) {
        return DailyBaseline.slotOf(localMillis(windowEnd));
    }

    private Span spanAt(long epochMillis) {
        Instant t = Instant.ofEpochMilli(epochMillis);
        // previousTransition is strictly before its argument: one millisecond on, it is a transition at t itself.
        ZoneOffsetTransition previous = rules.previousTransition(t.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(t);
        return new Span(previous == null ? Long.MIN_VALUE : previous.getInstant().toEpochMilli(),
                next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli(),
                rules.getOffset(t).getTotalSeconds() * 1000L);
    }

    @Override
    public String toString() {
        return "DailyClock[" + zone.getId() + "]";
    }
}
