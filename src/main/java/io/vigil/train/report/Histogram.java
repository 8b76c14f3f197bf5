package io.vigil.train.report;

import java.util.Arrays;

/**
 * Bins over a sample, their number chosen by the Freedman–Diaconis rule and clamped so a small sample
 * still shows a shape and a large one does not become a comb. Bins are equal-width, or equal-width in
 * log space for a strictly positive, heavy-tailed sample: there linear bins put nearly every value in
 * the first bin and leave the tail as a flat line.
 *
 * @param edges       {@code bins + 1} increasing bin edges; bin {@code i} is {@code [edges[i], edges[i + 1])}
 * @param counts      values per bin; the maximum is counted in the last bin
 * @param logarithmic whether the edges are evenly spaced in log space
 */
record Histogram(double[] edges, long[] counts, boolean logarithmic) {
    static final int MIN_BINS = 10;
    static final int MAX_BINS = 80;
    /**
     * A positive sample whose maximum exceeds its median by more than this factor is binned in log
     * space: with linear bins, half of it would fall in the first fiftieth of the range.
     */
    static final double HEAVY_TAIL_RATIO = 50;
    /** Half-width, relative to the value, of the range drawn around a sample whose values are all equal. */
    private static final double DEGENERATE_HALF_WIDTH = 0.05;
    /** Half-width of that range when the value is zero. */
    private static final double DEGENERATE_HALF_WIDTH_AT_ZERO = 1e-6;

    /** Bins {@code values}, in log space if they are {@linkplain #isHeavyTailed heavy-tailed}. */
    static Histogram of(double[] values) {
        return of(values, isHeavyTailed(values));
    }

    /**
     * Bins {@code values} in log space if {@code logarithmic}, which needs every value positive.
     *
     * @throws IllegalArgumentException if the sample is empty, or logarithmic with a value that is not positive
     */
    static Histogram of(double[] values, boolean logarithmic) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot bin an empty sample");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (logarithmic && !(sorted[0] > 0)) {
            throw new IllegalArgumentException("cannot bin " + sorted[0] + " in log space: every value must be "
                    + "positive; use linear bins for this sample");
        }
        // Log bins are linear bins of log10(value), mapped back through 10^x.
        double[] scaled = logarithmic ? Arrays.stream(sorted).map(Math::log10).toArray() : sorted;
        double lo = scaled[0];
        double hi = scaled[scaled.length - 1];
        if (hi == lo) {
            double half = lo == 0 ? DEGENERATE_HALF_WIDTH_AT_ZERO : Math.abs(lo) * DEGENERATE_HALF_WIDTH;
            lo -= half;
            hi += half;
        }
        int bins = binCount(scaled, hi - lo);
        double width = (hi - lo) / bins;
        long[] counts = new long[bins];
        for (double v : scaled) {
            // The maximum falls on the last edge; it belongs to the last bin.
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double edge = i == bins ? hi : lo + i * width;
            edges[i] = logarithmic ? Math.pow(10, edge) : edge;
        }
        return new Histogram(edges, counts, logarithmic);
    }

    /**
     * Whether every value is positive and the largest exceeds the median by more than
     * {@link #HEAVY_TAIL_RATIO}, as reconstruction errors typically do (median 0.004, maximum 0.75).
     */
    static boolean isHeavyTailed(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length > 0 && sorted[0] > 0
                && sorted[sorted.length - 1] / quantile(sorted, 0.5) > HEAVY_TAIL_RATIO;
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

    /** The lower edge of the first bin. */
    double min() {
        return edges[0];
    }

    double edge(int i) {
        return edges[i];
    }

    long maxCount() {
        return Arrays.stream(counts).max().orElse(0);
    }
}
