package io.vigil.train;

import java.util.Objects;

/**
 * The rows of one series, sorted by timestamp (ascending; no two equal unless
 * {@link HistoryOptions.Duplicates#KEEP} was asked for, when equal ones keep file order). {@code values[row]} holds
 * the features in {@link History#features()} order; {@code sources[row]} and {@code lines[row]}
 * (1-based) say where each row came from, so later stages can point the user at a file and line.
 * The arrays are shared, not copied: treat them as read-only.
 */
public record SeriesHistory(String id, long[] timestamps, float[][] values, String[] sources, long[] lines) {
    public SeriesHistory {
        Objects.requireNonNull(id, "id");
        int n = timestamps.length;
        if (values.length != n || sources.length != n || lines.length != n) {
            throw new IllegalArgumentException("series " + id + ": timestamps, values, sources and lines differ in length");
        }
    }

    public int size() {
        return timestamps.length;
    }

    /** Where row {@code row} came from, e.g. {@code line 17 of cpu.csv}. */
    public String origin(int row) {
        return "line " + lines[row] + " of " + sources[row];
    }
}
