package io.vigil.train;

import java.util.Arrays;
import java.util.List;

/**
 * Per-feature mean, population standard deviation, min and max of a set of rows, with the row
 * count. A constant feature keeps its std of 0: deciding how to normalise it is the model's job,
 * and hiding it here would make the two disagree.
 */
public record FeatureStats(double[] mean, double[] std, double[] min, double[] max, long count) {
    public FeatureStats {
        int f = mean.length;
        if (std.length != f || min.length != f || max.length != f) {
            throw new IllegalArgumentException("mean, std, min and max differ in length");
        }
    }

    /**
     * Statistics of the given rows (each {@code float[features]}); Welford's update keeps the
     * variance accurate for large offsets such as temperatures around 70 with small swings.
     *
     * @throws IllegalArgumentException when there are no rows or they differ in length
     */
    public static FeatureStats of(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to compute feature statistics from");
        }
        int f = rows.get(0).length;
        double[] mean = new double[f];
        double[] m2 = new double[f];
        double[] min = new double[f];
        double[] max = new double[f];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long n = 0;
        for (float[] row : rows) {
            if (row.length != f) {
                throw new IllegalArgumentException("row of " + row.length + " features, expected " + f);
            }
            n++;
            for (int j = 0; j < f; j++) {
                double x = row[j];
                double delta = x - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (x - mean[j]);
                min[j] = Math.min(min[j], x);
                max[j] = Math.max(max[j], x);
            }
        }
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            std[j] = Math.sqrt(Math.max(0, m2[j] / n));
        }
        return new FeatureStats(mean, std, min, max, n);
    }

    public int features() {
        return mean.length;
    }
}
