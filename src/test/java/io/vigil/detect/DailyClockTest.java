package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The daily baseline's slots and days in a configured zone: local half hours and local days, across DST changes. */
class DailyClockTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final long FIVE_MINUTES = 5 * 60_000L;

    private static long instant(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    /** What java.time says the local date-time of {@code epochMillis} is, as epoch ms of that date-time in UTC. */
    private static long expectedLocal(long epochMillis, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void inUtcLocalTimeIsEpochTime() {
        DailyClock utc = DailyClock.of(CalibrationSettings.parseDailyZone("UTC"));
        assertSame(DailyClock.UTC, utc);
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            long t = r.nextLong() >> 20;
            assertEquals(t, utc.localMillis(t));
            assertEquals(DailyBaseline.slotOf(t), utc.slotOf(t));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
        "America/Sao_Paulo", "+05:30"})
    void localTimeIsWhatJavaTimeSaysInAnyOrder(String id) {
        ZoneId zone = ZoneId.of(id);
        DailyClock clock = DailyClock.of(zone);
        long from = instant("2019-01-01T00:00", zone);
        long to = instant("2031-01-01T00:00", zone);
        Random r = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            long t = from + (long) (r.nextDouble() * (to - from));
            assertEquals(expectedLocal(t, zone), clock.localMillis(t), id + " at " + Instant.ofEpochMilli(t));
        }
        // At and around each transition, forwards then backwards: a cached span must end exactly where the offset changes.
        List<Long> edges = new ArrayList<>();
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(Instant.ofEpochMilli(from));
             tr != null && tr.getInstant().toEpochMilli() < to; tr = zone.getRules().nextTransition(tr.getInstant())) {
            long at = tr.getInstant().toEpochMilli();
            edges.addAll(List.of(at - 1, at, at + 1));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (long t : edges) {
                assertEquals(expectedLocal(t, zone), clock.localMillis(t), id + " at " + Instant.ofEpochMilli(t));
            }
            java.util.Collections.reverse(edges);
        }
    }

    @Test
    void onTheDayTheClocksGoForwardTheSkippedHourHasNoSlots() {
        DailyClock clock = DailyClock.of(BERLIN);
        // 2026-03-29: 02:00 CET becomes 03:00 CEST, a 23-hour day.
        Map<Integer, Integer> windowsPerSlot = windowsPerSlotOfLocalDay(clock, LocalDate.parse("2026-03-29"), BERLIN);
        assertEquals(46, windowsPerSlot.size(), "48 half hours but 02:00 and 02:30");
        assertTrue(!windowsPerSlot.containsKey(4) && !windowsPerSlot.containsKey(5), windowsPerSlot.toString());
        windowsPerSlot.values().forEach(n -> assertEquals(6, n, windowsPerSlot.toString()));
    }

    @Test
    void onTheDayTheClocksGoBackTheRepeatedHourFallsIntoTheSameSlots() {
        DailyClock clock = DailyClock.of(NEW_YORK);
        // 2026-11-01: 02:00 EDT becomes 01:00 EST, a 25-hour day.
        Map<Integer, Integer> windowsPerSlot = windowsPerSlotOfLocalDay(clock, LocalDate.parse("2026-11-01"), NEW_YORK);
        assertEquals(DailyBaseline.SLOTS_PER_DAY, windowsPerSlot.size());
        for (int slot = 0; slot < DailyBaseline.SLOTS_PER_DAY; slot++) {
            assertEquals(slot == 2 || slot == 3 ? 12 : 6, windowsPerSlot.get(slot), "slot " + slot + ": " + windowsPerSlot);
        }
    }

    /**
     * Windows every 5 minutes across the instants of {@code day} in {@code zone}: how many fall into each slot; and each
     * of them has that local day's number, which the slot's {@code including} keeps as one day.
     */
    private static Map<Integer, Integer> windowsPerSlotOfLocalDay(DailyClock clock, LocalDate day, ZoneId zone) {
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<Integer, Integer> out = new TreeMap<>();
        DailyBaseline.Slot slot = DailyBaseline.Slot.EMPTY;
        for (long t = from; t < to; t += FIVE_MINUTES) {
            out.merge(clock.slotOf(t), 1, Integer::sum);
            assertEquals(day.toEpochDay(), DailyBaseline.dayOf(clock.localMillis(t)), Instant.ofEpochMilli(t).toString());
            slot = slot.including(clock.localMillis(t), new double[] {1});
        }
        assertEquals(1, slot.days().length);
        return out;
    }

    @Test
    void aHalfHourOffsetZonesSlotsAndDaysAreItsLocalOnes() {
        DailyClock clock = DailyClock.of(KOLKATA);
        // 18:30 UTC is midnight in India (+05:30): a new local day, slot 0.
        long midnight = Instant.parse("2026-03-02T18:30:00Z").toEpochMilli();
        assertEquals(0, clock.slotOf(midnight));
        assertEquals(DailyBaseline.SLOTS_PER_DAY - 1, clock.slotOf(midnight - 1));
        assertEquals(LocalDate.parse("2026-03-03").toEpochDay(), DailyBaseline.dayOf(clock.localMillis(midnight)));
        assertEquals(LocalDate.parse("2026-03-02").toEpochDay(), DailyBaseline.dayOf(clock.localMillis(midnight - 1)));
        long nine = instant("2026-03-03T09:00", KOLKATA);
        assertEquals(18, clock.slotOf(nine), "09:00 local");
        assertEquals(7, DailyClock.UTC.slotOf(nine), "03:30 UTC");
        // A quarter-hour zone: 09:00-09:29 in Kathmandu (+05:45) is one slot there, two UTC half hours' parts.
        DailyClock kathmandu = DailyClock.of(ZoneId.of("Asia/Kathmandu"));
        long nineThere = instant("2026-03-03T09:00", ZoneId.of("Asia/Kathmandu"));
        assertEquals(kathmandu.slotOf(nineThere), kathmandu.slotOf(nineThere + 29 * 60_000L));
        assertEquals(DailyClock.UTC.slotOf(nineThere) + 1, DailyClock.UTC.slotOf(nineThere + 29 * 60_000L));
    }

    @Test
    void aBadZoneIsRefusedNamingTheKeyAndTheValue() {
        for (String bad : new String[] {"Europe/Berln", "CEST+1", "", "UTC+25"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationSettings.parseDailyZone(bad));
            assertEquals("likelihood.daily.zone = \"" + bad + "\": not a time zone; expected "
                    + CalibrationSettings.DAILY_ZONE_EXPECTED, e.getMessage());
        }
        assertEquals(BERLIN, CalibrationSettings.parseDailyZone(" Europe/Berlin "));
        assertEquals(LocalTime.of(5, 30).toSecondOfDay(),
                CalibrationSettings.parseDailyZone("+05:30").getRules().getOffset(Instant.EPOCH).getTotalSeconds());
    }
}
