package io.vigil.stream;

import io.vigil.registry.ModelMetadata;
import io.vigil.telemetry.Durations;
import java.time.Duration;

/**
 * How raw points become windows for one model: window length and feature count (from the model),
 * hop, grace for out-of-order points, the gap beyond which a window restarts or is filled, the
 * sampling interval used to fill gaps, and the value each feature takes before any has been seen
 * (the model's normalisation centre, i.e. the training mean).
 */
public record WindowSettings(int window, int features, int hop, Duration grace, Duration maxGap, GapPolicy gapPolicy,
                             Duration samplingInterval, float[] initialValues) {

    /**
     * What a series' window does when two consecutive points are further apart than {@code max.gap} (key
     * {@code gap.policy}, written in lower case).
     */
    public enum GapPolicy {
        /** The window starts afresh after the gap: no window spans it, as in training; nothing is scored until it is full again. The default. */
        RESET,
        /** The window keeps its points across the gap, which is filled with the last values at the sampling interval (at most one window's worth), marked imputed. */
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

    /**
     * The windows of a series scored by {@code model}: its window length and features, its sampling interval (at which
     * {@link GapPolicy#CARRY} fills a gap) and its training mean (a feature's value before any is seen); a time-series model
     * (see {@link ModelMetadata#requireTimeSeries}). {@code vigil run}
     * and {@code vigil evaluate} both take their windows from here, so they score the same ones.
     */
    public static WindowSettings of(ModelMetadata model, int hop, Duration grace, Duration maxGap, GapPolicy gapPolicy) {
        return new WindowSettings(model.window(), model.features().size(), hop, grace, maxGap, gapPolicy,
                Durations.parse(model.training().samplingInterval()), model.normalization().center());
    }
}
