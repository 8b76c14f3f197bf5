package io.vigil.demo;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code vigil demo} shows: the banner, one line per injected anomaly and per alert, and the
 * closing summary. Times are the simulated clock's, in UTC. Thread-safe: the feed and the alert
 * reader print from their own threads.
 * <pre>
 * 2026-11-24 14:35  web-2    inject   level_shift        for 150 min: latency and cpu move to a higher level
 * 2026-11-24 14:45  web-2    OPEN     critical  score 1.000  latency_ms↑ 81%  cpu↑ 12%
 * 2026-11-24 17:40  web-2    RESOLVED critical  peak 1.000  open 175 min
 * </pre>
 */
public final class DemoPrinter {
    static final DateTimeFormatter SIM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final double PERCENT = 100;

    private final PrintWriter out;
    private final TelemetryGenerator clock;

    public DemoPrinter(PrintWriter out, TelemetryGenerator clock) {
        this.out = out;
        this.clock = clock;
    }

    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    synchronized void injected(InjectedAnomaly a) {
        long minutes = a.steps() * clock.step().toMinutes();
        line(String.format(Locale.ROOT, "%s  %-8s inject   %-18s for %d min: %s", time(clock.timeOf(a.startStep())), a.host(),
                a.kind().label(), minutes, a.kind().description()));
    }

    synchronized void alert(DemoAlert a) {
        if (a.isOpen()) {
            String features = a.features().stream()
                    .map(f -> String.format(Locale.ROOT, "%s%s %d%%", f.name(), arrow(f.direction()), Math.round(f.share() * PERCENT)))
                    .collect(Collectors.joining("  "));
            line(String.format(Locale.ROOT, "%s  %-8s OPEN     %-8s  score %.4f  %s", time(a.lastAnomalousAt()), a.series(),
                    a.severity(), a.peakScore(), features));
        } else {
            long end = a.resolvedAt() == null ? a.lastAnomalousAt() : a.resolvedAt();
            line(String.format(Locale.ROOT, "%s  %-8s RESOLVED %-8s  peak %.4f  open %d min", time(end), a.series(), a.severity(),
                    a.peakScore(), (end - a.openedAt()) / 60_000));
        }
    }

    /** The closing summary. */
    synchronized void summary(DetectionReport r, long stepsSent, long windowsScored) {
        long stepMinutes = clock.step().toMinutes();
        line("");
        line(String.format(Locale.ROOT, "Summary: %d points per host (%s simulated), %d windows scored", stepsSent,
                humanMinutes(stepsSent * stepMinutes), windowsScored));
        line(String.format(Locale.ROOT, "  injected anomalies caught: %d of %d%s", r.caught().size(), r.decided(),
                r.pending().isEmpty() ? "" : " (" + r.pending().size() + " still under way at exit, not counted)"));
        for (Map.Entry<AnomalyKind, int[]> e : r.byKind().entrySet()) {
            line(String.format(Locale.ROOT, "    %-18s %d/%d", e.getKey().label(), e.getValue()[0], e.getValue()[1]));
        }
        line("  missed: " + (r.missed().isEmpty() ? "none" : describe(r.missed())));
        line("  false alerts: " + r.falseAlerts().size() + (r.falseAlerts().isEmpty() ? "" : " (" + r.falseAlerts().stream()
                .map(a -> a.series() + " at " + time(a.openedAt())).collect(Collectors.joining(", ")) + ")"));
        double median = r.medianDelaySteps();
        line(median < 0 ? "  median detection delay: - (nothing caught)"
                : String.format(Locale.ROOT, "  median detection delay: %s simulated minutes (%s points)",
                        number(median * stepMinutes), number(median)));
    }

    private String describe(List<InjectedAnomaly> anomalies) {
        return anomalies.stream().map(a -> a.kind().label() + " on " + a.host() + " at " + time(clock.timeOf(a.startStep())))
                .collect(Collectors.joining(", "));
    }

    static String time(long epochMillis) {
        return SIM_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String humanMinutes(long minutes) {
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        return days > 0 ? days + "d " + hours + "h" : hours + "h " + minutes % 60 + "m";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String arrow(String direction) {
        return switch (direction) {
            case "above" -> "↑";
            case "below" -> "↓";
            default -> "";
        };
    }
}
