package io.vigil.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the generator's normal behaviour — no anomalies — as a training CSV:
 * {@code timestamp,host,cpu,mem,latency_ms,rps}, one row per host per step, ISO-8601 UTC timestamps,
 * rows in time order. {@code vigil train --series-column host} reads it as one series per host.
 */
public final class HistoryWriter {
    /** Where written history starts: a fixed time, so the same seed writes the same file. */
    public static final Instant HISTORY_START = Instant.parse("2026-01-05T00:00:00Z");
    public static final String HOST_COLUMN = "host";
    public static final String TIMESTAMP_COLUMN = "timestamp";

    private HistoryWriter() {
    }

    /** {@code days} simulated days of normal history for {@code hosts}, with this seed's noise; returns the rows written. */
    public static long write(Path file, long seed, List<HostProfile> hosts, int days) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("--days " + days + ": expected at least 1 day of history");
        }
        TelemetryGenerator g = new TelemetryGenerator(seed, hosts, TelemetryGenerator.DEFAULT_PERIOD,
                TelemetryGenerator.DEFAULT_STEP, HISTORY_START.toEpochMilli(), AnomalySchedule.NONE);
        long steps = (long) days * g.period();
        long rows = 0;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(TIMESTAMP_COLUMN + "," + HOST_COLUMN + "," + String.join(",", TelemetryGenerator.FEATURES));
            out.newLine();
            for (long s = 0; s < steps; s++) {
                String ts = Instant.ofEpochMilli(g.timeOf(s)).toString();
                for (int h = 0; h < hosts.size(); h++) {
                    float[] v = g.normal(h, s);
                    StringBuilder row = new StringBuilder(ts).append(',').append(hosts.get(h).name());
                    for (float x : v) {
                        row.append(',').append(x);
                    }
                    out.write(row.toString());
                    out.newLine();
                    rows++;
                }
            }
        }
        return rows;
    }
}
