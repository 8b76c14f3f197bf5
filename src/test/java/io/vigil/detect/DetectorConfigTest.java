package io.vigil.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new DetectorConfig(0.99, 3, 5, 0.999, 3), DetectorConfig.defaults());
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheConfigKey() {
        assertKey("threshold", () -> new DetectorConfig(1.0, 3, 5, 1.0, 3));
        assertKey("threshold", () -> new DetectorConfig(Double.NaN, 3, 5, 0.999, 3));
        assertKey("alert.open.after", () -> new DetectorConfig(0.99, 0, 5, 0.999, 3));
        assertKey("alert.close.after", () -> new DetectorConfig(0.99, 3, 0, 0.999, 3));
        assertKey("alert.critical.threshold", () -> new DetectorConfig(0.99, 3, 5, 0.9, 3));
        assertKey("alert.top.features", () -> new DetectorConfig(0.99, 3, 5, 0.999, 0));
    }

    private static void assertKey(String key, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    }
}
