package io.vigil.detect;

import java.util.Arrays;

/**
 * Each feature's minimum and maximum in the model's training data, in model feature order: what the
 * range guard compares the newest values with. A value beyond {@code [min - margin × (max - min),
 * max + margin × (max - min)]} is something the model never saw, whatever its reconstruction error says,
 * so it makes the window anomalous by itself (key {@code range.guard.margin}). Arrays are copied in.
 */
public record TrainingRanges(double[] min, double[] max) {

    public TrainingRanges {
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("training ranges need one min and one max per feature, got "
                    + min.length + " minima and " + max.length + " maxima");
        }
        for (int f = 0; f < min.length; f++) {
            if (!Double.isFinite(min[f]) || !Double.isFinite(max[f]) || min[f] > max[f]) {
                throw new IllegalArgumentException("training range of feature " + f + " is [" + min[f] + ", " + max[f]
                        + "], expected finite numbers with min <= max");
            }
        }
        min = min.clone();
        max = max.clone();
    }

    public int features() {
        return min.length;
    }

    /** The first feature whose value lies outside its range widened by {@code margin}, or -1. */
    int firstOutside(double[] values, double margin) {
        for (int f = 0; f < min.length; f++) {
            double slack = margin * (max[f] - min[f]);
            if (values[f] < min[f] - slack || values[f] > max[f] + slack) {
                return f;
            }
        }
        return -1;
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
        return o instanceof TrainingRanges r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "TrainingRanges[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
