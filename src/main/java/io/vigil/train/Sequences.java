package io.vigil.train;

/**
 * Fixed-length sequences read from a sequence file: {@code data} holds {@code count} sequences of
 * {@code steps x features} values, flat and row-major as {@link WindowSet}; {@code rows} are their
 * 0-based data rows in the file and {@code labels} their labels (null when the file has none).
 */
public record Sequences(int steps, int features, int count, float[] data, int[] rows, String[] labels) {
    public Sequences {
        if ((long) count * steps * features != data.length || rows.length != count || (labels != null && labels.length != count)) {
            throw new IllegalArgumentException("sequences: " + count + " x " + steps + " x " + features + " but " + data.length
                    + " values, " + rows.length + " rows");
        }
    }

    /** As windows for the trainer: the series is {@code row N}, and the row stands in for the timestamps. */
    public WindowSet windows() {
        String[] series = new String[count];
        long[] at = new long[count];
        for (int i = 0; i < count; i++) {
            series[i] = "row " + rows[i];
            at[i] = rows[i];
        }
        return new WindowSet(steps, features, count, data, series, at, at);
    }

    /** Per-feature statistics over every step of every sequence. */
    public FeatureStats stats() {
        int n = count * steps;
        java.util.List<float[]> points = new java.util.AbstractList<>() {
            @Override
            public float[] get(int i) {
                float[] p = new float[features];
                System.arraycopy(data, i * features, p, 0, features);
                return p;
            }

            @Override
            public int size() {
                return n;
            }
        };
        return FeatureStats.of(points);
    }
}
