package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code alert.cooldown}: after a resolution, anomalous windows do not count toward a new alert for a while. */
class AlertCooldownTest {
    private static final long STEP = 60_000;
    private static final double HIGH = 0.995;
    private static final double LOW = 0.5;
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

    /** Opens after 2 anomalous windows, resolves after 1 normal one. */
    private static List<Decision> run(int cooldown, double... scores) {
        Detector detector = new Detector(new DetectorConfig(0.99, 2, 1, 0.999, 1).withCooldown(cooldown), IDENTITY,
                List.of("value"));
        List<Decision> out = new ArrayList<>();
        AlertState state = AlertState.initial();
        for (int i = 0; i < scores.length; i++) {
            Decision d = detector.decide("s", (i + 1) * STEP, new WindowError(scores[i], new double[] {1}, new double[] {1}), state);
            out.add(d);
            state = d.next();
        }
        return out;
    }

    private static List<String> events(List<Decision> decisions) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Optional<AlertEvent> e = decisions.get(i).event();
            if (e.isPresent()) {
                out.add(e.get().status() + "@" + (i + 1));
            }
        }
        return out;
    }

    @Test
    void withoutCooldownARelapseRightAfterResolutionOpensAgain() {
        assertEquals(List.of("OPEN@2", "RESOLVED@3", "OPEN@5"), events(run(0, HIGH, HIGH, LOW, HIGH, HIGH)));
    }

    @Test
    void anomalousWindowsInTheCooldownDoNotCountTowardANewAlert() {
        // Resolved at window 3; windows 4-6 are the cooldown; 7 and 8 are the first two that count.
        List<Decision> d = run(3, HIGH, HIGH, LOW, HIGH, HIGH, HIGH, HIGH, HIGH);
        assertEquals(List.of("OPEN@2", "RESOLVED@3", "OPEN@8"), events(d));
        AlertEvent second = d.get(7).event().orElseThrow();
        assertEquals(7 * STEP, second.openedAt(), "the new alert is dated from the first window after the cooldown");
        assertTrue(d.get(4).anomalous(), "the cooldown leaves the window's own verdict alone");
        assertEquals(List.of(2, 1, 0), List.of(d.get(3).next().cooldownRemaining(), d.get(4).next().cooldownRemaining(),
                d.get(5).next().cooldownRemaining()));
        assertNull(d.get(5).next().pending(), "nothing pending while the cooldown runs");
    }

    @Test
    void theCooldownRunsOutWhetherTheWindowsAreNormalOrAnomalous() {
        assertEquals(List.of("OPEN@2", "RESOLVED@3", "OPEN@7"), events(run(2, HIGH, HIGH, LOW, LOW, HIGH, HIGH, HIGH)));
    }

    @Test
    void aRunThatStartsInTheCooldownNeedsOpenAfterWindowsAfterIt() {
        // Windows 4..5 are cooldown; 6 alone is not enough with openAfter 2, 7 normal breaks the run.
        List<Decision> d = run(2, HIGH, HIGH, LOW, HIGH, HIGH, HIGH, LOW, HIGH, HIGH);
        assertEquals(List.of("OPEN@2", "RESOLVED@3", "OPEN@9"), events(d));
    }

    @Test
    void theCooldownStartsOnlyWhenAnAlertResolves() {
        List<Decision> d = run(5, LOW, HIGH, LOW, HIGH, HIGH);
        assertEquals(List.of("OPEN@5"), events(d), "an interrupted run is not an alert and starts no cooldown");
        d.forEach(x -> assertEquals(0, x.next().cooldownRemaining()));
    }

    @Test
    void aLongCooldownKeepsARestlessEpisodeToOneAlert() {
        double[] flapping = new double[40];
        for (int i = 0; i < flapping.length; i++) {
            flapping[i] = i % 3 == 2 ? LOW : HIGH;
        }
        List<String> without = events(run(0, flapping));
        List<String> with = events(run(50, flapping));
        assertEquals(26, without.size(), "without a cooldown every relapse is an alert: " + without);
        assertEquals(List.of("OPEN@2", "RESOLVED@3"), with);
        assertFalse(run(50, flapping).get(39).next().hasOpenAlert());
    }
}
