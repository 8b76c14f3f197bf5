package io.vigil.stream;

import java.time.Duration;

/**
 * How raw points become windows for one model: window length and feature count (from the model),
 * hop, grace for out-of-order points, the gap beyond which a window restarts or is filled, the
 * sampling interval used to fill gaps, and the value each feature takes before any has been seen
 * (the model's normalisation centre, i.e. the training mean).
 */
public record WindowSettings(int window, int features, int hop, Duration grace, Duration maxGap, GapPolicy gapPolicy,
                             Duration samplingInterval, float[] initialValues) {

    /** What a gap longer than {@code max.gap} does to a series' window. */
    public enum GapPolicy {
        /** Start a new window after the gap: nothing is scored until it is full again. */
        RESET,
        /** Fill the gap with the last values at the sampling interval (at most one window's worth), marked imputed. */
        CARRY
    }

    public WindowSettings {
        if (window < 2 || features < 1 || hop < 1) {
            throw new IllegalArgumentException("window " + window + ", features " + features + ", hop " + hop);
        }
        if (grace.isNegative() || maxGap.isNegative() || maxGap.isZero() || samplingInterval.isNegative() || samplingInterval.isZero()) {
            throw new IllegalArgumentException("grace must be ≥ 0, max gap and sampling interval > 0");
        }
        if (initialValues.length != features) {
            throw new IllegalArgumentException(initialValues.length + " initial values for " + features + " features");
        }
        initialValues = initialValues.clone();
    }
}
