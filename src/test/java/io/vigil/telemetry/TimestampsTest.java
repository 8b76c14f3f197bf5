package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final long T = 1_795_428_900_000L; // 2026-11-23T10:15:00Z

    @Test
    void epochMillisAreTakenAsIs() {
        assertEquals(1_732_356_900_000L, Timestamps.parse("1732356900000"));
        assertEquals(0L, Timestamps.parse(" 0 "));
    }

    @Test
    void isoInstantsAndOffsetsBecomeUtcMillis() {
        assertEquals(T, Timestamps.parse("2026-11-23T10:15:00Z"));
        assertEquals(T, Timestamps.parse("2026-11-23T12:15:00+02:00"));
        assertEquals(T, Timestamps.parse("2026-11-23T05:15:00-05:00"));
        assertEquals(T + 250, Timestamps.parse("2026-11-23T10:15:00.250Z"));
        assertEquals(T + 123, Timestamps.parse("2026-11-23T10:15:00.123456789Z"));
    }

    @Test
    void datesWithoutZoneAreReadAsUtc() {
        assertEquals(T, Timestamps.parse("2026-11-23T10:15:00"));
        assertEquals(T, Timestamps.parse("2026-11-23 10:15:00"));
        assertEquals(T, Timestamps.parse("2026-11-23 10:15:00.000000"));
        assertEquals(T + 500, Timestamps.parse("2026-11-23 10:15:00.5"));
    }

    @Test
    void unparseableTimestampListsAcceptedFormats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("yesterday"));
        assertTrue(e.getMessage().contains("\"yesterday\""), e.getMessage());
        assertTrue(e.getMessage().contains("epoch milliseconds"), e.getMessage());
        assertTrue(e.getMessage().contains("2014-10-30 15:30:00.000000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("2026-13-40T10:15:00Z"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("99999999999999999999"));
    }

    @Test
    void formatWritesIsoInstantsThatParseBack() {
        assertEquals("2026-11-23T10:15:00Z", Timestamps.format(T));
        assertEquals(T + 250, Timestamps.parse(Timestamps.format(T + 250)));
    }
}
