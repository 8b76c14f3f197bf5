package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.nab.NabSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code vigil nab --max-gap}: none, auto or a duration; anything else is refused with the option named. */
class NabCommandTest {
    @Test
    void maxGapTakesNoneAutoOrADuration() {
        assertEquals(NabSettings.NO_GAP_LIMIT, NabCommand.maxGap("none"));
        assertNull(NabCommand.maxGap("auto"));
        assertEquals(Duration.ofMinutes(15), NabCommand.maxGap("15m"));
        assertEquals(NabSettings.NO_GAP_LIMIT, NabSettings.defaults().maxGap(), "the harness reads rows in order by default");
    }

    @Test
    void aBadMaxGapNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NabCommand.maxGap("soon"));
        assertTrue(e.getMessage().startsWith("--max-gap "), e.getMessage());
        assertTrue(e.getMessage().contains("soon") && e.getMessage().contains("none, or auto"), e.getMessage());
    }
}
