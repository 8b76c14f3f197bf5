package io.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring alerts against injected anomalies: caught within the tolerance, missed, pending at exit, and false alerts. */
class DetectionReportTest {
    static final TelemetryGenerator CLOCK = new TelemetryGenerator(1, HostProfile.fleet(2), 288,
            TelemetryGenerator.DEFAULT_STEP, 0, AnomalySchedule.NONE);
    static final long STEP = CLOCK.step().toMillis();

    @Test
    void matchesAlertsToAnomaliesByHostAndTime() {
        InjectedAnomaly caught = new InjectedAnomaly(0, "web-1", AnomalyKind.SPIKE, 100, 104);
        InjectedAnomaly missed = new InjectedAnomaly(1, "web-2", AnomalyKind.FLAT_LINE, 200, 248);
        InjectedAnomaly pending = new InjectedAnomaly(0, "web-1", AnomalyKind.DIP, 400, 412);
        List<DemoAlert> alerts = List.of(
                open("web-1", 101, 103), resolved("web-1", 101, 140),
                open("web-2", 300, 302), // nothing on web-2 at 300: false
                open("web-1", 130, 132), resolved("web-1", 130, 150)); // after the spike, within the tolerance: not false
        DetectionReport r = DetectionReport.score(List.of(caught, missed, pending), alerts, CLOCK, 32, 420);
        assertEquals(List.of(caught), r.caught());
        assertEquals(List.of(missed), r.missed());
        assertEquals(List.of(pending), r.pending());
        assertEquals(1, r.falseAlerts().size());
        assertEquals("web-2", r.falseAlerts().get(0).series());
        assertEquals(3.0, r.medianDelaySteps());
        assertEquals(Map.of(AnomalyKind.SPIKE, List.of(1, 1), AnomalyKind.FLAT_LINE, List.of(0, 1)),
                r.byKind().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> List.of(e.getValue()[0], e.getValue()[1]))));
    }

    private static DemoAlert open(String host, long openedStep, long raisedStep) {
        return new DemoAlert(host + "-" + openedStep * STEP, host, DemoAlert.OPEN, openedStep * STEP, raisedStep * STEP, null,
                1.0, "critical", List.of(new DemoAlert.Feature("cpu", 0.9, "above")));
    }

    private static DemoAlert resolved(String host, long openedStep, long resolvedStep) {
        return new DemoAlert(host + "-" + openedStep * STEP, host, DemoAlert.RESOLVED, openedStep * STEP, (resolvedStep - 5) * STEP,
                resolvedStep * STEP, 1.0, "critical", List.of());
    }
}
