package io.vigil.train.report;

import java.util.Arrays;

/**
 * Equal-width bins over a sample, their number chosen by the Freedman–Diaconis rule and clamped so
 * a small sample still shows a shape and a large one does not become a comb.
 */
record Histogram(double min, double binWidth, long[] counts) {
    static final int MIN_BINS = 10;
    static final int MAX_BINS = 80;
    /** Half-width, relative to the value, of the range drawn around a sample whose values are all equal. */
    private static final double DEGENERATE_HALF_WIDTH = 0.05;
    /** Half-width of that range when the value is zero. */
    private static final double DEGENERATE_HALF_WIDTH_AT_ZERO = 1e-6;

    static Histogram of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot bin an empty sample");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        if (hi == lo) {
            double half = lo == 0 ? DEGENERATE_HALF_WIDTH_AT_ZERO : Math.abs(lo) * DEGENERATE_HALF_WIDTH;
            lo -= half;
            hi += half;
        }
        int bins = binCount(sorted, hi - lo);
        double width = (hi - lo) / bins;
        long[] counts = new long[bins];
        for (double v : sorted) {
            // The maximum falls on the last edge; it belongs to the last bin.
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        return new Histogram(lo, width, counts);
    }

    /** Freedman–Diaconis: width {@code 2·IQR/n^(1/3)}, clamped to [{@link #MIN_BINS}, {@link #MAX_BINS}]. */
    static int binCount(double[] sorted, double range) {
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        if (!(iqr > 0)) {
            return MIN_BINS;
        }
        double width = 2 * iqr / Math.cbrt(sorted.length);
        double bins = Math.ceil(range / width);
        return (int) Math.max(MIN_BINS, Math.min(MAX_BINS, bins));
    }

    /** Linear-interpolated quantile of a sorted sample. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int below = (int) Math.floor(pos);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (pos - below) * (sorted[above] - sorted[below]);
    }

    int bins() {
        return counts.length;
    }

    double edge(int i) {
        return min + i * binWidth;
    }

    long maxCount() {
        return Arrays.stream(counts).max().orElse(0);
    }
}
