package io.vigil.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorTest {

    private static final String SERIES = "web-1";
    private static final long STEP = 60_000;
    private static final double HIGH = 0.995;
    private static final double LOW = 0.5;

    /** Scores a window by its error, so tests choose scores directly. */
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

    private final Detector detector = new Detector(new DetectorConfig(0.99, 3, 2, 0.999, 2), IDENTITY,
            List.of("cpu", "mem"));

    /** Feeds windows with these scores, one per minute from t = STEP, collecting decisions. */
    private List<Decision> run(double... scores) {
        List<Decision> decisions = new ArrayList<>();
        AlertState state = AlertState.initial();
        for (int i = 0; i < scores.length; i++) {
            // The feature driving the error alternates with the window so peak features are traceable.
            double[] featureErrors = i % 2 == 0 ? new double[] {3, 1} : new double[] {1, 3};
            Decision d = detector.decide(SERIES, (i + 1) * STEP, new WindowError(scores[i], featureErrors,
                    new double[] {1, -1}), state);
            decisions.add(d);
            state = d.next();
        }
        return decisions;
    }

    private static List<AlertEvent> events(List<Decision> decisions) {
        return decisions.stream().map(Decision::event).flatMap(Optional::stream).toList();
    }

    @Test
    void windowIsAnomalousOnlyWhenScoreExceedsThreshold() {
        List<Decision> d = run(0.99, 0.9901);
        assertFalse(d.get(0).anomalous());
        assertTrue(d.get(1).anomalous());
        assertEquals(0.9901, d.get(1).score());
        assertEquals(2, d.get(1).features().size());
    }

    @Test
    void alertOpensExactlyAfterOpenAfterAnomalousWindowsDatedFromTheFirst() {
        List<Decision> d = run(LOW, HIGH, HIGH, HIGH);
        assertTrue(d.get(2).event().isEmpty(), "two anomalous windows must not open an alert");
        AlertEvent open = d.get(3).event().orElseThrow();
        assertEquals(AlertEvent.OPEN, open.status());
        assertEquals(2 * STEP, open.openedAt());
        assertEquals(4 * STEP, open.lastAnomalousAt());
        assertNull(open.resolvedAt());
        assertEquals(SERIES, open.series());
        assertEquals(SERIES + "-" + 2 * STEP, open.alertId());
        assertTrue(d.get(3).next().hasOpenAlert());
    }

    @Test
    void interruptedRunDoesNotOpen() {
        List<Decision> d = run(HIGH, HIGH, LOW, HIGH, HIGH, LOW, HIGH);
        assertEquals(List.of(), events(d));
        assertFalse(d.get(d.size() - 1).next().hasOpenAlert());
    }

    @Test
    void alertResolvesAfterCloseAfterNormalWindowsSharingTheId() {
        List<Decision> d = run(HIGH, HIGH, HIGH, LOW, HIGH, LOW, LOW, LOW);
        List<AlertEvent> events = events(d);
        assertEquals(2, events.size());
        AlertEvent open = events.get(0);
        AlertEvent resolved = events.get(1);
        assertEquals(AlertEvent.RESOLVED, resolved.status());
        assertEquals(open.alertId(), resolved.alertId());
        assertEquals(STEP, resolved.openedAt());
        assertEquals(5 * STEP, resolved.lastAnomalousAt(), "a normal window in between does not resolve");
        assertEquals(7 * STEP, resolved.resolvedAt(), "resolved by the second consecutive normal window");
        assertTrue(d.get(6).event().isPresent());
        AlertState after = d.get(7).next();
        assertFalse(after.hasOpenAlert());
        assertNull(after.pending());
        assertEquals(1, after.alertsOpened());
    }

    @Test
    void anEpisodeHasASingleOpenHoweverLongItLasts() {
        List<Decision> d = run(HIGH, HIGH, HIGH, HIGH, HIGH, HIGH, LOW, HIGH, HIGH, HIGH);
        List<AlertEvent> events = events(d);
        assertEquals(1, events.size());
        assertEquals(10 * STEP, d.get(9).next().open().lastAnomalousAt());
    }

    @Test
    void aNewEpisodeAfterResolutionGetsANewId() {
        List<AlertEvent> events = events(run(HIGH, HIGH, HIGH, LOW, LOW, HIGH, HIGH, HIGH));
        assertEquals(List.of("OPEN", "RESOLVED", "OPEN"), events.stream().map(AlertEvent::status).toList());
        assertEquals(SERIES + "-" + 6 * STEP, events.get(2).alertId());
    }

    @Test
    void peakScoreAndItsFeaturesCoverTheWholeEpisodeAndSetSeverity() {
        // Peak 0.9995 at the second window (odd index: "mem" drives the error) before the alert opens.
        List<Decision> d = run(HIGH, 0.9995, HIGH, 0.996, LOW, LOW);
        List<AlertEvent> events = events(d);
        AlertEvent open = events.get(0);
        assertEquals(0.9995, open.peakScore());
        assertEquals(AlertEvent.CRITICAL, open.severity());
        assertEquals("mem", open.features().get(0).name());
        assertEquals(0.9995, events.get(1).peakScore());
        assertEquals(AlertEvent.CRITICAL, events.get(1).severity());
    }

    @Test
    void severityIsWarningBelowCriticalThresholdAndRisesWithTheStoredPeak() {
        List<Decision> d = run(HIGH, HIGH, HIGH, 0.9999, LOW, LOW);
        List<AlertEvent> events = events(d);
        assertEquals(AlertEvent.WARNING, events.get(0).severity());
        assertEquals(AlertEvent.CRITICAL, events.get(1).severity());
        assertEquals(0.9999, events.get(1).peakScore());
        assertEquals("mem", events.get(1).features().get(0).name());
    }

    @Test
    void openAfterOneAndCloseAfterOneFollowEveryWindow() {
        Detector eager = new Detector(new DetectorConfig(0.99, 1, 1, 0.999, 2), IDENTITY, List.of("cpu", "mem"));
        AlertState state = AlertState.initial();
        List<String> statuses = new ArrayList<>();
        for (double score : new double[] {HIGH, LOW, HIGH, HIGH, LOW, LOW}) {
            Decision d = eager.decide(SERIES, STEP, new WindowError(score, new double[] {1, 1}, new double[] {1, 1}), state);
            statuses.add(d.event().map(AlertEvent::status).orElse("-"));
            state = d.next();
        }
        assertEquals(List.of("OPEN", "RESOLVED", "OPEN", "-", "RESOLVED", "-"), statuses);
    }

    @Test
    void aResolvedAlertStaysResolvedThroughLaterNormalWindows() {
        List<Decision> d = run(HIGH, HIGH, HIGH, LOW, LOW, LOW, LOW, LOW, LOW, LOW);
        assertEquals(List.of("OPEN", "RESOLVED"), events(d).stream().map(AlertEvent::status).toList());
        assertEquals(1, d.get(9).next().alertsOpened());
    }

    @Test
    void aPeakExactlyAtTheCriticalThresholdIsCritical() {
        assertEquals(AlertEvent.CRITICAL, events(run(0.999, 0.999, 0.999)).get(0).severity());
        assertEquals(AlertEvent.WARNING, events(run(0.9989, 0.9989, 0.9989)).get(0).severity());
    }

    @Test
    void criticalThresholdEqualToTheThresholdMakesEveryAlertCritical() {
        Detector d = new Detector(new DetectorConfig(0.99, 1, 1, 0.99, 1), IDENTITY, List.of("cpu", "mem"));
        Decision open = d.decide(SERIES, STEP, new WindowError(0.9901, new double[] {1, 1}, new double[] {1, 1}),
                AlertState.initial());
        assertEquals(AlertEvent.CRITICAL, open.event().orElseThrow().severity());
    }

    @Test
    void alertsNameThePeakWindowsFeaturesWithDirectionAndSharesThatSumToOne() {
        // Two features, both listed: the shares of the peak window (mem 3, cpu 1 at odd indices) are 0.75 and 0.25.
        AlertEvent open = events(run(HIGH, 0.9995, HIGH)).get(0);
        assertEquals(List.of("mem", "cpu"), open.features().stream().map(FeatureContribution::name).toList());
        assertEquals(List.of(0.75, 0.25), open.features().stream().map(FeatureContribution::share).toList());
        assertEquals(List.of("below", "above"), open.features().stream().map(FeatureContribution::direction).toList());
    }

    @Test
    void runCountersSaturateRatherThanOverflow() {
        AlertState longQuiet = new AlertState(AlertState.FORMAT_VERSION, 0, Integer.MAX_VALUE, null, null, 0, 0,
                Integer.MAX_VALUE);
        Decision d = detector.decide(SERIES, STEP, new WindowError(LOW, new double[] {1, 1}, new double[] {1, 1}), longQuiet);
        assertEquals(Integer.MAX_VALUE, d.next().normalRun());
        assertEquals(Integer.MAX_VALUE, d.next().windowsScored());
    }
}
