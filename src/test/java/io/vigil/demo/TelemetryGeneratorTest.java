package io.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator: deterministic per seed, realistic in shape, and each anomaly kind changes its own steps and nothing else. */
class TelemetryGeneratorTest {
    static final List<HostProfile> FLEET = HostProfile.fleet(6);
    static final int DAY = TelemetryGenerator.DEFAULT_PERIOD;

    static TelemetryGenerator generator(long seed, AnomalySchedule schedule) {
        return new TelemetryGenerator(seed, FLEET, DAY, TelemetryGenerator.DEFAULT_STEP, 0, schedule);
    }

    @Test
    void theSameSeedGivesTheSameTelemetryAndAnomalies() {
        TelemetryGenerator a = generator(7, AnomalySchedule.every(7, FLEET, 64, 50));
        TelemetryGenerator b = generator(7, AnomalySchedule.every(7, FLEET, 64, 50));
        // b is asked in a different order: points are a function of (seed, host, step), not of call order
        for (int s = 999; s >= 0; s--) {
            for (int h = 0; h < FLEET.size(); h++) {
                assertArrayEquals(b.point(h, s), b.point(h, s));
            }
        }
        for (int s = 0; s < 1000; s++) {
            for (int h = 0; h < FLEET.size(); h++) {
                assertArrayEquals(a.point(h, s), b.point(h, s), "host " + h + " step " + s);
            }
        }
        assertEquals(a.anomalies().startedBefore(1000), b.anomalies().startedBefore(1000));
    }

    @Test
    void differentSeedsGiveDifferentNoiseAndAnomalies() {
        TelemetryGenerator a = generator(1, AnomalySchedule.every(1, FLEET, 64, 50));
        TelemetryGenerator b = generator(2, AnomalySchedule.every(2, FLEET, 64, 50));
        assertFalse(java.util.Arrays.equals(a.normal(0, 10), b.normal(0, 10)));
        assertFalse(a.anomalies().startedBefore(2000).equals(b.anomalies().startedBefore(2000)));
    }

    @Test
    void hostsFollowADailyCycleWithCorrelatedFeatures() {
        TelemetryGenerator g = generator(3, AnomalySchedule.NONE);
        float[] night = g.normal(0, DAY / 8);      // 03:00
        float[] afternoon = g.normal(0, DAY * 5 / 8); // 15:00, the peak
        assertTrue(afternoon[TelemetryGenerator.RPS] > 2 * night[TelemetryGenerator.RPS], "more traffic in the afternoon");
        assertTrue(afternoon[TelemetryGenerator.CPU] > night[TelemetryGenerator.CPU], "cpu follows traffic");
        assertTrue(afternoon[TelemetryGenerator.LATENCY] > night[TelemetryGenerator.LATENCY], "latency follows cpu");
        // the next day repeats the cycle, give or take noise
        float[] nextDay = g.normal(0, DAY + DAY * 5 / 8);
        assertEquals(afternoon[TelemetryGenerator.RPS], nextDay[TelemetryGenerator.RPS], 0.2 * afternoon[TelemetryGenerator.RPS]);
        // hosts differ in level: the cache serves more requests than a database
        assertTrue(g.normal(5, DAY / 2)[TelemetryGenerator.RPS] > 3 * g.normal(3, DAY / 2)[TelemetryGenerator.RPS]);
        assertEquals(List.of("web-1", "web-2", "web-3", "db-1", "db-2", "cache-1"), FLEET.stream().map(HostProfile::name).toList());
    }

    @Test
    void everyKindChangesItsOwnWindowAndNothingElse() {
        TelemetryGenerator g = generator(11, AnomalySchedule.NONE);
        long start = 200;
        for (AnomalyKind kind : AnomalyKind.values()) {
            InjectedAnomaly a = new InjectedAnomaly(1, "web-2", kind, start, start + kind.steps());
            int changed = 0;
            for (long s = start - 50; s < a.endStep() + 50; s++) {
                boolean differs = !java.util.Arrays.equals(g.point(1, s, a.covers(s) ? a : null), g.normal(1, s));
                if (!a.covers(s)) {
                    assertFalse(differs, kind + " changed step " + s + " outside its window");
                } else if (differs) {
                    changed++;
                }
            }
            // a flat line's first point is the reading it then repeats; a faster cycle starts from the same phase
            boolean startsContinuous = kind == AnomalyKind.FLAT_LINE || kind == AnomalyKind.FREQUENCY_CHANGE;
            int expected = startsContinuous ? kind.steps() - 1 : kind.steps();
            assertEquals(expected, changed, kind + " changes every step of its window");
        }
    }

    @Test
    void anomaliesDoWhatTheirKindSays() {
        TelemetryGenerator g = generator(5, AnomalySchedule.NONE);
        int cpu = TelemetryGenerator.CPU;
        int rps = TelemetryGenerator.RPS;
        long s = 150;
        float[] normal = g.normal(0, s);
        assertTrue(g.point(0, s, anomaly(AnomalyKind.SPIKE, s))[cpu] > normal[cpu] + 20);
        assertTrue(g.point(0, s, anomaly(AnomalyKind.DIP, s))[rps] < normal[rps] / 2);
        float[] broken = g.point(0, s, anomaly(AnomalyKind.CORRELATION_BREAK, s));
        assertTrue(broken[cpu] > normal[cpu] + 20, "cpu rises");
        assertEquals(normal[rps], broken[rps], "rps does not");
        InjectedAnomaly flat = anomaly(AnomalyKind.FLAT_LINE, s);
        assertArrayEquals(g.point(0, s + 10, flat), g.point(0, s + 20, flat));
    }

    @Test
    void theScheduleWaitsForWarmUpRotatesKindsAndNeverOverlapsOnAHost() {
        AnomalySchedule schedule = AnomalySchedule.every(42, FLEET, 64, 50);
        List<InjectedAnomaly> planned = schedule.startedBefore(5000);
        assertTrue(planned.size() > 50);
        assertTrue(planned.get(0).startStep() >= 64);
        assertEquals(AnomalyKind.values().length, planned.subList(0, 6).stream().map(InjectedAnomaly::kind).distinct().count());
        for (int i = 0; i < planned.size(); i++) {
            for (int j = i + 1; j < planned.size(); j++) {
                InjectedAnomaly a = planned.get(i);
                InjectedAnomaly b = planned.get(j);
                if (a.hostIndex() == b.hostIndex()) {
                    assertTrue(b.startStep() >= a.endStep() + AnomalySchedule.RECOVERY, a + " and " + b);
                }
            }
        }
        InjectedAnomaly first = planned.get(0);
        assertEquals(first, schedule.active(first.hostIndex(), first.startStep()));
        assertNull(schedule.active(first.hostIndex(), first.startStep() - 1));
    }

    private static InjectedAnomaly anomaly(AnomalyKind kind, long start) {
        return new InjectedAnomaly(0, "web-1", kind, start, start + kind.steps());
    }
}
