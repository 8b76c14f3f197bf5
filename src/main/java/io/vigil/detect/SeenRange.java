package io.vigil.detect;

import java.util.Arrays;

/**
 * Per feature, the minimum and maximum of every newest raw value a series has shown so far: what the
 * {@link StreamingLikelihood}'s new-extreme rule (Numenta HTM's "spatial anomaly") compares the next window's
 * newest values with. A value beyond {@code [min − TOLERANCE × (max − min), max + TOLERANCE × (max − min)]}
 * of its feature, where {@code max > min}, is a new extreme: the series has never been there. Unlike the
 * {@link TrainingRanges training range} this range grows with the series, so a level once reached is
 * ordinary from then on; it never shrinks (as HTM's), so after one wild value only values beyond that one count.
 * {@link #NONE} (no features) is the range of a series that has shown nothing yet.
 * Arrays are copied in and out.
 */
public record SeenRange(double[] min, double[] max) {
    /** The range of a series with no values yet: nothing is a new extreme, the next values start it. */
    public static final SeenRange NONE = new SeenRange(new double[0], new double[0]);
    /**
     * How far beyond the seen range, as a share of its width, a value must lie to be a new extreme. Measured
     * on NAB (rescored on the models of three training seeds; docs/benchmarks.md#nab): 0.05 and 0.10 scored
     * alike, 0.20 gained nothing over no rule at all, and 0 (every new high or low) was worse on seed 42.
     */
    public static final double TOLERANCE = 0.05;

    public SeenRange {
        if (min.length != max.length) {
            throw new IllegalArgumentException("a seen range needs one min and one max per feature, got " + min.length
                    + " minima and " + max.length + " maxima");
        }
        for (int f = 0; f < min.length; f++) {
            if (!Double.isFinite(min[f]) || !Double.isFinite(max[f]) || min[f] > max[f]) {
                throw new IllegalArgumentException("seen range of feature " + f + " is [" + min[f] + ", " + max[f]
                        + "], expected finite numbers with min <= max");
            }
        }
        min = min.clone();
        max = max.clone();
    }

    public int features() {
        return min.length;
    }

    /**
     * Whether any of {@code values} lies beyond its feature's range widened by {@link #TOLERANCE}. A feature
     * that has shown one value only ({@code max == min}) has no width to judge by and never makes an extreme;
     * neither does a range of another feature count (a range from another model), which {@link #including}
     * restarts.
     */
    public boolean isNewExtreme(double[] values) {
        if (values.length != min.length) {
            return false;
        }
        for (int f = 0; f < min.length; f++) {
            double width = max[f] - min[f];
            if (width > 0 && (values[f] > max[f] + TOLERANCE * width || values[f] < min[f] - TOLERANCE * width)) {
                return true;
            }
        }
        return false;
    }

    /** The range widened to hold {@code values}; a range of another feature count starts afresh from them. */
    public SeenRange including(double[] values) {
        if (values.length != min.length) {
            return new SeenRange(values, values);
        }
        double[] lo = min.clone();
        double[] hi = max.clone();
        for (int f = 0; f < lo.length; f++) {
            lo[f] = Math.min(lo[f], values[f]);
            hi[f] = Math.max(hi[f], values[f]);
        }
        return new SeenRange(lo, hi);
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeenRange r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "SeenRange[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
