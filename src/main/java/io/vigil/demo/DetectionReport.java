package io.vigil.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the detector did against the injected ground truth. An anomaly is <em>caught</em> when an OPEN
 * alert for its host spans some of {@code [start, end + tolerance]} (the tolerance covers the windows
 * that still hold anomalous points after it ends); its detection delay is from its start to when the
 * alert opened (the OPEN's last anomalous window), zero if an alert was already open. An anomaly whose
 * tolerance had not run out when the feed stopped is <em>pending</em> and not counted. An OPEN alert
 * that spans no anomaly, pending ones included, is a <em>false alert</em>.
 */
public record DetectionReport(List<InjectedAnomaly> caught, List<InjectedAnomaly> missed, List<InjectedAnomaly> pending,
                              List<DemoAlert> falseAlerts, List<Long> delaySteps) {

    /** Scores {@code alerts} (OPEN and RESOLVED, any order) against {@code anomalies}; the feed sent steps below {@code stepsSent}. */
    public static DetectionReport score(List<InjectedAnomaly> anomalies, List<DemoAlert> alerts, TelemetryGenerator clock,
                                        long toleranceSteps, long stepsSent) {
        Map<String, Long> resolvedAt = new HashMap<>();
        for (DemoAlert a : alerts) {
            if (!a.isOpen() && a.resolvedAt() != null) {
                resolvedAt.put(a.alertId(), a.resolvedAt());
            }
        }
        List<DemoAlert> opened = alerts.stream().filter(DemoAlert::isOpen).toList();
        List<InjectedAnomaly> caught = new ArrayList<>();
        List<InjectedAnomaly> missed = new ArrayList<>();
        List<InjectedAnomaly> pending = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        long stepMillis = clock.step().toMillis();
        for (InjectedAnomaly x : anomalies) {
            long from = clock.timeOf(x.startStep());
            long to = clock.timeOf(x.endStep() - 1 + toleranceSteps);
            Long delay = null;
            for (DemoAlert a : opened) {
                long end = resolvedAt.getOrDefault(a.alertId(), Long.MAX_VALUE);
                if (a.series().equals(x.host()) && a.openedAt() <= to && end >= from) {
                    long d = Math.max(0, a.lastAnomalousAt() - from) / stepMillis;
                    delay = delay == null ? d : Math.min(delay, d);
                }
            }
            if (delay != null) {
                caught.add(x);
                delays.add(delay);
            } else if (x.endStep() - 1 + toleranceSteps >= stepsSent) {
                pending.add(x);
            } else {
                missed.add(x);
            }
        }
        List<DemoAlert> falseAlerts = new ArrayList<>();
        for (DemoAlert a : opened) {
            long end = resolvedAt.getOrDefault(a.alertId(), Long.MAX_VALUE);
            boolean explained = anomalies.stream().anyMatch(x -> x.host().equals(a.series())
                    && a.openedAt() <= clock.timeOf(x.endStep() - 1 + toleranceSteps) && end >= clock.timeOf(x.startStep()));
            if (!explained) {
                falseAlerts.add(a);
            }
        }
        return new DetectionReport(List.copyOf(caught), List.copyOf(missed), List.copyOf(pending), List.copyOf(falseAlerts),
                List.copyOf(delays));
    }

    /** Anomalies decided (caught or missed). */
    public int decided() {
        return caught.size() + missed.size();
    }

    /** The median detection delay in steps, or -1 when nothing was caught. */
    public double medianDelaySteps() {
        if (delaySteps.isEmpty()) {
            return -1;
        }
        List<Long> sorted = delaySteps.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** Per kind: {caught, decided}. Kinds never decided are left out. */
    public Map<AnomalyKind, int[]> byKind() {
        Map<AnomalyKind, int[]> m = new EnumMap<>(AnomalyKind.class);
        caught.forEach(x -> m.computeIfAbsent(x.kind(), k -> new int[2])[0]++);
        caught.forEach(x -> m.get(x.kind())[1]++);
        missed.forEach(x -> m.computeIfAbsent(x.kind(), k -> new int[2])[1]++);
        return m;
    }
}
