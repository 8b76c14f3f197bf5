package io.vigil.train;

import java.util.AbstractList;
import java.util.List;

/**
 * Sequences read from a sequence file: {@code data} holds {@code count} sequences of
 * {@code steps x features} values, flat and row-major as {@link WindowSet}; sequence {@code i} has
 * {@code lengths[i]} real steps (1..steps) followed by zero padding. {@code rows} are their 0-based data
 * rows in the file and {@code labels} their labels (null when the file has none).
 */
public record Sequences(int steps, int features, int count, float[] data, int[] rows, int[] lengths, String[] labels) {
    public Sequences {
        if ((long) count * steps * features != data.length || rows.length != count || lengths.length != count
                || (labels != null && labels.length != count)) {
            throw new IllegalArgumentException("sequences: " + count + " x " + steps + " x " + features + " but " + data.length
                    + " values, " + rows.length + " rows, " + lengths.length + " lengths");
        }
        for (int n : lengths) {
            if (n < 1 || n > steps) {
                throw new IllegalArgumentException("sequence length " + n + " outside 1.." + steps);
            }
        }
    }

    /** Whether any sequence is shorter than {@code steps}. */
    public boolean padded() {
        for (int n : lengths) {
            if (n < steps) {
                return true;
            }
        }
        return false;
    }

    /** As windows for the trainer: the series is {@code row N}, and the row stands in for the timestamps. */
    public WindowSet windows() {
        String[] series = new String[count];
        long[] at = new long[count];
        for (int i = 0; i < count; i++) {
            series[i] = "row " + rows[i];
            at[i] = rows[i];
        }
        return new WindowSet(steps, features, count, data, series, at, at, padded() ? lengths : null);
    }

    /** Per-feature statistics over every real step of every sequence (padding left out). */
    public FeatureStats stats() {
        int[] starts = new int[count + 1];
        for (int i = 0; i < count; i++) {
            starts[i + 1] = starts[i] + lengths[i];
        }
        List<float[]> points = new AbstractList<>() {
            @Override
            public float[] get(int k) {
                int i = upperBound(starts, k) - 1;
                int step = i * steps + k - starts[i];
                float[] p = new float[features];
                System.arraycopy(data, step * features, p, 0, features);
                return p;
            }

            @Override
            public int size() {
                return starts[count];
            }
        };
        return FeatureStats.of(points);
    }

    /** The first index whose value exceeds {@code key} in the ascending {@code a}. */
    private static int upperBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
