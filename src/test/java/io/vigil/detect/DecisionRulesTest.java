package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Warm-up, the range guard, suppression and the new extreme: the rules around the score's comparison with the threshold. */
class DecisionRulesTest {
    private static final long STEP = 60_000;
    private static final double HIGH = 0.995;
    private static final double LOW = 0.5;
    private static final List<String> FEATURES = List.of("cpu", "mem");
    /** Trained on cpu in [0.2, 0.8] and mem in [10, 30]. */
    private static final TrainingRanges RANGES = new TrainingRanges(new double[] {0.2, 10}, new double[] {0.8, 30});
    private static final Calibrator IDENTITY = new Calibrator() {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public double score(WindowError e) {
            return e.error();
        }
    };
    private static final DetectorConfig BASE = new DetectorConfig(0.99, 1, 1, 0.999, 2);

    /** A window scoring {@code score} whose newest step was observed {@code observed} and rebuilt {@code rebuilt}. */
    private static WindowError window(double score, double[] observed, double[] rebuilt) {
        return new WindowError(score, new double[] {1, 1}, new double[] {0, 0}, observed, rebuilt);
    }

    private static WindowError normalValues(double score) {
        return window(score, new double[] {0.5, 20}, new double[] {0.5, 20});
    }

    private static Decision decide(DetectorConfig config, WindowError e) {
        return new Detector(config, IDENTITY, FEATURES, RANGES).decide("s", STEP, e, AlertState.initial());
    }

    private static List<Decision> run(Detector detector, List<WindowError> windows) {
        List<Decision> out = new ArrayList<>();
        AlertState state = AlertState.initial();
        for (int i = 0; i < windows.size(); i++) {
            Decision d = detector.decide("s", (i + 1) * STEP, windows.get(i), state);
            out.add(d);
            state = d.next();
        }
        return out;
    }

    @Test
    void noWindowIsAnomalousAndNoAlertOpensDuringTheWarmUp() {
        Detector detector = new Detector(BASE.withWarmup(3).withRangeGuard(0), IDENTITY, FEATURES, RANGES);
        WindowError outOfRange = window(HIGH, new double[] {5, 20}, new double[] {0.5, 20});
        List<Decision> d = run(detector, List.of(normalValues(HIGH), outOfRange, normalValues(HIGH), normalValues(HIGH)));
        for (int i = 0; i < 3; i++) {
            assertFalse(d.get(i).anomalous(), "window " + (i + 1));
            assertEquals(Decision.Reason.WARM_UP, d.get(i).reason());
            assertTrue(d.get(i).event().isEmpty());
        }
        assertEquals(HIGH, d.get(1).score(), "the warm-up keeps the calibrated score, even out of range");
        assertTrue(d.get(3).anomalous(), "the fourth window is the first after three scored ones");
        assertEquals(Decision.Reason.THRESHOLD, d.get(3).reason());
        assertEquals(AlertEvent.OPEN, d.get(3).event().orElseThrow().status());
        assertEquals(4, d.get(3).next().windowsScored());
    }

    @Test
    void warmUpCountsEveryScoredWindowAndSaturates() {
        AlertState old = new AlertState(AlertState.FORMAT_VERSION, 0, 0, null, null, 0, 0, Integer.MAX_VALUE);
        Decision d = new Detector(BASE.withWarmup(Integer.MAX_VALUE), IDENTITY, FEATURES)
                .decide("s", STEP, normalValues(HIGH), old);
        assertTrue(d.anomalous());
        assertEquals(Integer.MAX_VALUE, d.next().windowsScored());
    }

    @Test
    void aNewestValueBeyondTheWidenedTrainingRangeIsAnomalousWithScoreOne() {
        DetectorConfig guarded = BASE.withRangeGuard(0.5);
        // cpu's range 0.6 widens by 0.3 on each side: [-0.1, 1.1]; mem's 20 by 10: [0, 40].
        assertEquals(Decision.Reason.THRESHOLD, decide(guarded, window(LOW, new double[] {1.1, 40}, new double[] {0.5, 20})).reason());
        assertEquals(Decision.Reason.THRESHOLD, decide(guarded, window(LOW, new double[] {-0.1, 0}, new double[] {0.5, 20})).reason());
        for (double[] outside : List.of(new double[] {1.11, 20}, new double[] {-0.11, 20}, new double[] {0.5, 40.5},
                new double[] {0.5, -0.5})) {
            Decision d = decide(guarded, window(LOW, outside, new double[] {0.5, 20}));
            assertTrue(d.anomalous(), () -> java.util.Arrays.toString(outside));
            assertEquals(1.0, d.score());
            assertEquals(Decision.Reason.RANGE_GUARD, d.reason());
        }
    }

    @Test
    void aRangeGuardAlertIsCritical() {
        Decision d = decide(BASE.withRangeGuard(0), window(LOW, new double[] {0.9, 20}, new double[] {0.9, 20}));
        assertEquals(AlertEvent.CRITICAL, d.event().orElseThrow().severity());
        assertEquals(1.0, d.event().orElseThrow().peakScore());
    }

    @Test
    void withoutTrainingRangesTheGuardIsOffAndSaysSo() {
        Detector detector = new Detector(BASE.withRangeGuard(0.1), IDENTITY, FEATURES, null);
        assertFalse(detector.rangeGuardOn());
        assertEquals(1, detector.warnings().size());
        assertTrue(detector.warnings().get(0).startsWith("range.guard.margin is set"), detector.warnings().get(0));
        Decision d = detector.decide("s", STEP, window(LOW, new double[] {1e9, 1e9}, new double[] {0.5, 20}), AlertState.initial());
        assertFalse(d.anomalous());
        assertEquals(List.of(), new Detector(BASE, IDENTITY, FEATURES, null).warnings(), "nothing to say when the guard is not set");
        assertTrue(new Detector(BASE.withRangeGuard(0.1), IDENTITY, FEATURES, RANGES).rangeGuardOn());
    }

    @Test
    void suppressionSilencesAHighScoreOnlyWhenEveryFeatureIsClose() {
        DetectorConfig absolute = BASE.withSuppression(new Suppression(0.05, 0));
        Decision close = decide(absolute, window(HIGH, new double[] {0.50, 20.00}, new double[] {0.46, 20.04}));
        assertFalse(close.anomalous());
        assertEquals(Decision.Reason.SUPPRESSED, close.reason());
        assertEquals(HIGH, close.score(), "suppression keeps the score");
        assertTrue(close.event().isEmpty());
        Decision atTheEdge = decide(BASE.withSuppression(new Suppression(0.25, 0)),
                window(HIGH, new double[] {1.0, 20}, new double[] {0.75, 20.25}));
        assertEquals(Decision.Reason.SUPPRESSED, atTheEdge.reason(), "a distance equal to the tolerance is close");
        Decision oneFar = decide(absolute, window(HIGH, new double[] {0.50, 20.00}, new double[] {0.50, 20.06}));
        assertTrue(oneFar.anomalous());
        assertEquals(Decision.Reason.THRESHOLD, oneFar.reason());
    }

    @Test
    void relativeSuppressionScalesWithTheObservedValue() {
        DetectorConfig relative = BASE.withSuppression(new Suppression(0, 0.1));
        // 10% of 20 is 2 for mem but 0.05 for cpu at 0.5.
        assertFalse(decide(relative, window(HIGH, new double[] {0.5, 20}, new double[] {0.46, 18.1})).anomalous());
        assertTrue(decide(relative, window(HIGH, new double[] {0.5, 20}, new double[] {0.44, 20})).anomalous());
        assertTrue(decide(relative, window(HIGH, new double[] {0, 20}, new double[] {1e-9, 20})).anomalous(),
                "relative to an observed 0 nothing is close");
    }

    @Test
    void withBothToleranceTheWiderOneApplies() {
        DetectorConfig both = BASE.withSuppression(new Suppression(1, 0.1));
        // cpu: absolute 1 is wider than 0.05; mem: relative 2 is wider than 1.
        assertFalse(decide(both, window(HIGH, new double[] {0.5, 20}, new double[] {1.4, 18.2})).anomalous());
        assertTrue(decide(both, window(HIGH, new double[] {0.5, 20}, new double[] {1.6, 20})).anomalous());
    }

    @Test
    void suppressionNeverTouchesAWindowBelowTheThresholdOrOffByDefault() {
        Decision low = decide(BASE.withSuppression(new Suppression(1, 0)), normalValues(LOW));
        assertEquals(Decision.Reason.THRESHOLD, low.reason());
        Decision exact = decide(BASE, normalValues(HIGH));
        assertTrue(exact.anomalous(), "with suppression off even an exact reconstruction stays anomalous");
    }

    @Test
    void theRangeGuardOverrulesSuppression() {
        DetectorConfig both = BASE.withRangeGuard(0).withSuppression(new Suppression(100, 0));
        Decision d = decide(both, window(HIGH, new double[] {0.9, 20}, new double[] {0.9, 20}));
        assertTrue(d.anomalous());
        assertEquals(Decision.Reason.RANGE_GUARD, d.reason());
    }

    private static Decision decideNewExtreme(DetectorConfig config, double score, WindowError e) {
        return new Detector(config, IDENTITY, FEATURES, RANGES).decideWithScore("s", STEP, e, score, true, AlertState.initial());
    }

    @Test
    void aNewExtremeAboveTheThresholdSaysSo() {
        Decision d = decideNewExtreme(BASE, 0.99999, normalValues(LOW));
        assertTrue(d.anomalous());
        assertEquals(Decision.Reason.NEW_EXTREME, d.reason());
        assertEquals("new-extreme", d.reason().wireName());
        assertEquals(0.99999, d.score(), "the calibration's score is kept");
        Decision notAbove = decideNewExtreme(new DetectorConfig(0.999995, 1, 1, 0.999999, 2), 0.99999,
                normalValues(LOW));
        assertFalse(notAbove.anomalous(), "a threshold above the raised score keeps the window normal");
        assertEquals(Decision.Reason.THRESHOLD, notAbove.reason());
    }

    @Test
    void aNewExtremeYieldsToWarmUpRangeGuardAndSuppression() {
        assertEquals(Decision.Reason.WARM_UP, decideNewExtreme(BASE.withWarmup(1), 0.99999, normalValues(LOW)).reason());
        assertEquals(Decision.Reason.RANGE_GUARD,
                decideNewExtreme(BASE.withRangeGuard(0), 0.99999, window(LOW, new double[] {0.9, 20}, new double[] {0.9, 20})).reason());
        Decision close = decideNewExtreme(BASE.withSuppression(new Suppression(0.05, 0)), 0.99999,
                window(LOW, new double[] {0.50, 20.00}, new double[] {0.46, 20.04}));
        assertFalse(close.anomalous(), "the newest values are within the configured tolerance of their reconstruction");
        assertEquals(Decision.Reason.SUPPRESSED, close.reason());
    }

    @Test
    void rulesOnNewestValuesRefuseAWindowErrorWithoutThem() {
        Detector detector = new Detector(BASE.withSuppression(new Suppression(1, 0)), IDENTITY, FEATURES, RANGES);
        WindowError bare = new WindowError(HIGH, new double[] {1, 1}, new double[] {0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> detector.decide("s", STEP, bare, AlertState.initial()));
        assertTrue(e.getMessage().contains("newest"), e.getMessage());
        assertEquals(Optional.of(true), Optional.of(new Detector(BASE, IDENTITY, FEATURES).decide("s", STEP, bare,
                AlertState.initial()).anomalous()), "without those rules a bare window error is enough");
    }

    @Test
    void trainingRangesMustMatchTheFeatures() {
        assertThrows(IllegalArgumentException.class, () -> new Detector(BASE, IDENTITY, List.of("cpu"), RANGES));
        assertThrows(IllegalArgumentException.class, () -> new TrainingRanges(new double[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new TrainingRanges(new double[] {0, 0}, new double[] {1}));
    }
}
