package io.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector configuration a demo's calibration and threshold give, read by {@code vigil run}'s own code:
 * the demo's threshold only for the default method, each other method's own default otherwise, and a bad
 * value refused naming its key and the demo's options.
 */
class DemoSettingsTest {
    /** The shipped demo model's own threshold (train --threshold 0.995). */
    static final double MODEL_THRESHOLD = 0.995;
    static final String BROKER = "localhost:9092";

    @TempDir
    Path model;
    @TempDir
    Path state;

    @Test
    void byDefaultTheQuantileAlertsAtTheDemosThresholdAndIsCriticalOnlyAtOne() {
        VigilConfig c = new DemoSettings(model, 6, 20, 42, 0).detectorConfig(BROKER, state);
        DetectorConfig d = detector(c);
        assertEquals(Calibration.VALIDATION_QUANTILE, c.calibration().method());
        assertEquals(Double.parseDouble(DemoSettings.THRESHOLD), d.threshold());
        assertEquals(1.0, d.criticalThreshold());
        assertEquals(Integer.parseInt(DemoSettings.OPEN_AFTER), d.openAfter());
    }

    @Test
    void anotherMethodWithoutAThresholdAlertsAtItsOwnDefaultAsVigilRunDoes() {
        VigilConfig c = settings("streaming-likelihood", OptionalDouble.empty()).detectorConfig(BROKER, state);
        DetectorConfig d = detector(c);
        assertEquals(Calibration.STREAMING_LIKELIHOOD, c.calibration().method());
        assertEquals(CalibrationSettings.LIKELIHOOD_THRESHOLD, d.threshold(), "not the quantile's 0.9995");
        assertEquals(DetectorConfig.DEFAULT_CRITICAL_THRESHOLD, d.criticalThreshold());
        assertTrue(c.calibration().dailyBaseline(), "the likelihood as vigil run has it");
    }

    @Test
    void aGivenThresholdIsUsedAndTheCriticalThresholdStaysAboveIt() {
        DetectorConfig likelihood = detector(settings("Streaming-Likelihood", OptionalDouble.of(0.6)).detectorConfig(BROKER, state));
        assertEquals(0.6, likelihood.threshold());
        assertEquals(DetectorConfig.DEFAULT_CRITICAL_THRESHOLD, likelihood.criticalThreshold());

        DetectorConfig spot = detector(settings("spot", OptionalDouble.of(0.99995)).detectorConfig(BROKER, state));
        assertEquals(0.99995, spot.threshold());
        assertEquals(DetectorConfig.defaultCriticalThreshold(0.99995), spot.criticalThreshold(), 1e-12);

        DetectorConfig quantile = detector(settings("validation-quantile", OptionalDouble.of(0.999)).detectorConfig(BROKER, state));
        assertEquals(0.999, quantile.threshold());
        assertEquals(1.0, quantile.criticalThreshold());
    }

    @Test
    void anUnknownMethodIsRefusedNamingTheKeyTheOptionsAndTheMethods() {
        InputException e = assertThrows(InputException.class, () -> settings("likelihood", OptionalDouble.empty()).validate());
        assertEquals("calibration = \"likelihood\" (from vigil demo's options): expected one of " + Calibration.names(), e.getMessage());
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefusedNamingTheKey() {
        for (double t : new double[] {0, 1, 1.5, -0.1, Double.NaN}) {
            InputException e = assertThrows(InputException.class, () -> settings("streaming-likelihood", OptionalDouble.of(t)).validate(),
                    "threshold " + t);
            assertTrue(e.getMessage().startsWith("threshold = \"" + t + "\" (from vigil demo's options): expected a number between 0 and 1"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), "one problem, one line: " + e.getMessage());
        }
        assertThrows(InputException.class, () -> settings("validation-quantile", OptionalDouble.of(1.5)).validate());
    }

    private DemoSettings settings(String calibration, OptionalDouble threshold) {
        return new DemoSettings(model, 6, 20, 42, 0, calibration, threshold);
    }

    /** As DetectorApp builds it for the demo model. */
    private static DetectorConfig detector(VigilConfig c) {
        return c.detector(c.calibration().defaultThreshold(MODEL_THRESHOLD));
    }
}
