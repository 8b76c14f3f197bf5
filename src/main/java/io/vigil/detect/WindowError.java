package io.vigil.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the model says about one window: its loss on the window ({@code error}), the loss split by
 * feature ({@code featureErrors}, non-negative), and per feature the signed mean of observed minus
 * reconstructed values over the window, in raw units ({@code featureResiduals}), which tells
 * whether a feature ran above or below what the model expected. {@code newestObserved} and
 * {@code newestReconstructed} are the window's last step, observed and reconstructed, per feature in
 * raw units, for the rules that look at the newest values (suppression, range guard); both are null
 * when not known (the three-argument constructor). Arrays are copied in and out.
 */
public record WindowError(double error, double[] featureErrors, double[] featureResiduals, double[] newestObserved,
                          double[] newestReconstructed) {

    /** A window error without its newest values: enough for calibration and attribution. */
    public WindowError(double error, double[] featureErrors, double[] featureResiduals) {
        this(error, featureErrors, featureResiduals, null, null);
    }

    public WindowError {
        Objects.requireNonNull(featureErrors, "featureErrors");
        Objects.requireNonNull(featureResiduals, "featureResiduals");
        if (featureErrors.length == 0) {
            throw new IllegalArgumentException("a window error needs at least one feature error");
        }
        if (featureResiduals.length != featureErrors.length) {
            throw new IllegalArgumentException("window error has " + featureErrors.length
                    + " feature errors but " + featureResiduals.length + " feature residuals");
        }
        requireNonNegative(error, "window error");
        featureErrors = featureErrors.clone();
        featureResiduals = featureResiduals.clone();
        for (int f = 0; f < featureErrors.length; f++) {
            requireNonNegative(featureErrors[f], "feature error " + f);
            ErrorDistribution.requireFinite(featureResiduals[f], "feature residual " + f);
        }
        if ((newestObserved == null) != (newestReconstructed == null)) {
            throw new IllegalArgumentException("a window error needs both the newest observed and the newest"
                    + " reconstructed values, or neither");
        }
        if (newestObserved != null) {
            newestObserved = finiteCopy(newestObserved, featureErrors.length, "newest observed value");
            newestReconstructed = finiteCopy(newestReconstructed, featureErrors.length, "newest reconstructed value");
        }
    }

    /** Number of features. */
    public int featureCount() {
        return featureErrors.length;
    }

    @Override
    public double[] featureErrors() {
        return featureErrors.clone();
    }

    @Override
    public double[] featureResiduals() {
        return featureResiduals.clone();
    }

    @Override
    public double[] newestObserved() {
        return newestObserved == null ? null : newestObserved.clone();
    }

    @Override
    public double[] newestReconstructed() {
        return newestReconstructed == null ? null : newestReconstructed.clone();
    }

    /** Whether the newest observed and reconstructed values are known. */
    public boolean hasNewestValues() {
        return newestObserved != null;
    }

    /** Feature error {@code f} without copying the array. */
    double featureError(int f) {
        return featureErrors[f];
    }

    /** Feature residual {@code f} without copying the array. */
    double featureResidual(int f) {
        return featureResiduals[f];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowError w
                && Double.compare(error, w.error) == 0
                && Arrays.equals(featureErrors, w.featureErrors)
                && Arrays.equals(featureResiduals, w.featureResiduals)
                && Arrays.equals(newestObserved, w.newestObserved)
                && Arrays.equals(newestReconstructed, w.newestReconstructed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, Arrays.hashCode(featureErrors), Arrays.hashCode(featureResiduals),
                Arrays.hashCode(newestObserved), Arrays.hashCode(newestReconstructed));
    }

    @Override
    public String toString() {
        return "WindowError[error=" + error + ", featureErrors=" + Arrays.toString(featureErrors)
                + ", featureResiduals=" + Arrays.toString(featureResiduals)
                + ", newestObserved=" + Arrays.toString(newestObserved)
                + ", newestReconstructed=" + Arrays.toString(newestReconstructed) + "]";
    }

    private static double[] finiteCopy(double[] values, int features, String what) {
        if (values.length != features) {
            throw new IllegalArgumentException("window error has " + features + " features but " + values.length
                    + " values for the " + what);
        }
        for (int f = 0; f < features; f++) {
            ErrorDistribution.requireFinite(values[f], what + " " + f);
        }
        return values.clone();
    }

    private static void requireNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " is " + value + ", expected a finite number >= 0");
        }
    }
}
