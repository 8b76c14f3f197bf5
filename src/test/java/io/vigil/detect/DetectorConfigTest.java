package io.vigil.detect;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DetectorConfig d = DetectorConfig.defaults();
        assertEquals(new DetectorConfig(0.99, 3, 5, 0.999, 3, 0, 0, Suppression.OFF, OptionalDouble.empty()), d);
        assertFalse(d.suppression().isOn());
        assertTrue(d.rangeGuardMargin().isEmpty());
    }

    @Test
    void eachWithTurnsOnOneRuleAndKeepsTheRest() {
        DetectorConfig c = DetectorConfig.defaults().withCooldown(7).withWarmup(50)
                .withSuppression(new Suppression(0.5, 0.1)).withRangeGuard(0.2);
        assertEquals(new DetectorConfig(0.99, 3, 5, 0.999, 3, 7, 50, new Suppression(0.5, 0.1), OptionalDouble.of(0.2)), c);
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheConfigKey() {
        assertKey("threshold", () -> new DetectorConfig(1.0, 3, 5, 1.0, 3));
        assertKey("threshold", () -> new DetectorConfig(Double.NaN, 3, 5, 0.999, 3));
        assertKey("alert.open.after", () -> new DetectorConfig(0.99, 0, 5, 0.999, 3));
        assertKey("alert.close.after", () -> new DetectorConfig(0.99, 3, 0, 0.999, 3));
        assertKey("alert.critical.threshold", () -> new DetectorConfig(0.99, 3, 5, 0.9, 3));
        assertKey("alert.top.features", () -> new DetectorConfig(0.99, 3, 5, 0.999, 0));
        assertKey("alert.cooldown", () -> DetectorConfig.defaults().withCooldown(-1));
        assertKey("alert.warmup", () -> DetectorConfig.defaults().withWarmup(-1));
        assertKey("alert.suppress.absolute", () -> new Suppression(-0.1, 0));
        assertKey("alert.suppress.absolute", () -> new Suppression(Double.POSITIVE_INFINITY, 0));
        assertKey("alert.suppress.absolute", () -> new Suppression(Double.NaN, 0));
        assertKey("alert.suppress.relative", () -> new Suppression(0, 1.5));
        assertKey("alert.suppress.relative", () -> new Suppression(0, -0.01));
        assertKey("range.guard.margin", () -> DetectorConfig.defaults().withRangeGuard(-0.5));
        assertKey("range.guard.margin", () -> DetectorConfig.defaults().withRangeGuard(Double.NaN));
    }

    @Test
    void zeroCooldownWarmUpAndMarginAreValid() {
        DetectorConfig c = DetectorConfig.defaults().withCooldown(0).withWarmup(0).withRangeGuard(0);
        assertEquals(0.0, c.rangeGuardMargin().getAsDouble());
        assertTrue(new Suppression(0, 1).isOn());
    }

    private static void assertKey(String key, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    }
}
