package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shortFormsParse() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
    }

    @Test
    void isoFormsParse() {
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        assertEquals(Duration.ofDays(1), Durations.parse("P1D"));
    }

    @Test
    void badOrNegativeDurationsAreRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"5", "5 minutes", "1.5s", "5M", "", "-5m", "ms"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().contains("250ms") || e.getMessage().contains("empty"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("-PT5M"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void formatUsesTheLargestExactUnit() {
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2d", Durations.format(Duration.ofDays(2)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("15m", Durations.format(Durations.parse("PT15M")));
    }
}
