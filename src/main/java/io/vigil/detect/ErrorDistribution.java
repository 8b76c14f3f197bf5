package io.vigil.detect;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The distribution of the model's reconstruction error on held-out (validation) windows, the
 * reference every calibrator scores against. It is written into {@code model.json}, so it is an
 * immutable, Jackson-serialisable value: summary statistics, named quantiles, a sorted sample of
 * order statistics ({@value #SAMPLE_POINTS} points at the 0%, 0.1%, ..., 100% quantiles, or every
 * value when there are fewer) from which {@link #quantileOf} and {@link #errorAt} interpolate, and
 * the mean and covariance of the per-feature error vectors for multivariate calibrators.
 *
 * <p>Quantiles use linear interpolation between order statistics (NumPy's default, "type 7").
 * Standard deviation and covariance are population moments (divided by {@code n}), so a single
 * window gives zeros rather than an undefined value. Arrays are copied in and out: an instance
 * cannot be changed after construction.
 */
@JsonPropertyOrder({"count", "mean", "std", "max", "quantiles", "sample", "featureMean", "featureCovariance"})
public record ErrorDistribution(
        long count,
        double mean,
        double std,
        double max,
        Map<String, Double> quantiles,
        double[] sample,
        double[] featureMean,
        double[][] featureCovariance) {

    /** Number of order statistics kept: the 0%, 0.1%, ..., 100% quantiles. */
    public static final int SAMPLE_POINTS = 1001;

    private static final String[] QUANTILE_NAMES = {"p50", "p75", "p90", "p95", "p99", "p99.5", "p99.9"};
    private static final double[] QUANTILE_LEVELS = {0.50, 0.75, 0.90, 0.95, 0.99, 0.995, 0.999};

    public ErrorDistribution {
        if (count < 1) {
            throw new IllegalArgumentException("error distribution: count must be >= 1, got " + count);
        }
        Objects.requireNonNull(quantiles, "error distribution: quantiles");
        sample = Objects.requireNonNull(sample, "error distribution: sample").clone();
        featureMean = Objects.requireNonNull(featureMean, "error distribution: featureMean").clone();
        Objects.requireNonNull(featureCovariance, "error distribution: featureCovariance");
        if (sample.length == 0) {
            throw new IllegalArgumentException("error distribution: sample is empty");
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i]) || (i > 0 && sample[i] < sample[i - 1])) {
                throw new IllegalArgumentException("error distribution: sample must be finite and sorted"
                        + " ascending, but point " + i + " is " + sample[i]);
            }
        }
        int features = featureMean.length;
        double[][] covariance = new double[featureCovariance.length][];
        for (int i = 0; i < covariance.length; i++) {
            if (featureCovariance[i] == null || featureCovariance[i].length != features) {
                throw new IllegalArgumentException("error distribution: featureCovariance row " + i
                        + " must have " + features + " entries (one per feature)");
            }
            covariance[i] = featureCovariance[i].clone();
        }
        if (covariance.length != features) {
            throw new IllegalArgumentException("error distribution: featureCovariance has " + covariance.length
                    + " rows, expected " + features + " (one per feature)");
        }
        featureCovariance = covariance;
        quantiles = Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
    }

    /**
     * Builds the distribution of a set of windows.
     *
     * @param windowErrors  the model's loss on each window, length {@code n >= 1}
     * @param featureErrors the per-feature errors of the same windows, {@code [n][F]}, {@code F >= 1}
     * @throws IllegalArgumentException when the input is empty, ragged or not finite
     */
    public static ErrorDistribution of(double[] windowErrors, double[][] featureErrors) {
        Objects.requireNonNull(windowErrors, "windowErrors");
        Objects.requireNonNull(featureErrors, "featureErrors");
        int n = windowErrors.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot build an error distribution from no windows");
        }
        if (featureErrors.length != n) {
            throw new IllegalArgumentException("featureErrors has " + featureErrors.length
                    + " rows but there are " + n + " window errors");
        }
        double[] sorted = windowErrors.clone();
        for (int i = 0; i < n; i++) {
            requireFinite(sorted[i], "window error " + i);
        }
        Arrays.sort(sorted);

        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }

        Map<String, Double> quantiles = new LinkedHashMap<>();
        for (int i = 0; i < QUANTILE_NAMES.length; i++) {
            quantiles.put(QUANTILE_NAMES[i], interpolate(sorted, QUANTILE_LEVELS[i]));
        }
        double[] sample = sorted;
        if (n > SAMPLE_POINTS) {
            sample = new double[SAMPLE_POINTS];
            for (int i = 0; i < SAMPLE_POINTS; i++) {
                sample[i] = interpolate(sorted, (double) i / (SAMPLE_POINTS - 1));
            }
        }
        FeatureMoments moments = FeatureMoments.of(featureErrors);
        return new ErrorDistribution(n, mean, Math.sqrt(squares / n), sorted[n - 1], quantiles, sample,
                moments.mean(), moments.covariance());
    }

    /**
     * The fraction of the distribution at or below {@code error}: 0 below the minimum, 1 at or above
     * the maximum, linearly interpolated between the sample points in between.
     */
    public double quantileOf(double error) {
        if (Double.isNaN(error)) {
            throw new IllegalArgumentException("cannot take the quantile of NaN");
        }
        int last = sample.length - 1;
        if (error >= sample[last]) {
            return 1.0;
        }
        if (error < sample[0]) {
            return 0.0;
        }
        // i = the last point <= error; error < sample[last] guarantees i < last and a positive gap.
        int i = upperBound(sample, error) - 1;
        double fraction = (error - sample[i]) / (sample[i + 1] - sample[i]);
        return (i + fraction) / last;
    }

    /** The error at quantile {@code q} in [0, 1]: the inverse of {@link #quantileOf}. */
    public double errorAt(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        return interpolate(sample, q);
    }

    /** Number of features in the per-feature error vectors. */
    int featureCount() {
        return featureMean.length;
    }

    @Override
    public double[] sample() {
        return sample.clone();
    }

    @Override
    public double[] featureMean() {
        return featureMean.clone();
    }

    @Override
    public double[][] featureCovariance() {
        double[][] copy = new double[featureCovariance.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = featureCovariance[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorDistribution d
                && count == d.count
                && Double.compare(mean, d.mean) == 0
                && Double.compare(std, d.std) == 0
                && Double.compare(max, d.max) == 0
                && quantiles.equals(d.quantiles)
                && Arrays.equals(sample, d.sample)
                && Arrays.equals(featureMean, d.featureMean)
                && Arrays.deepEquals(featureCovariance, d.featureCovariance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, mean, std, max, quantiles, Arrays.hashCode(sample),
                Arrays.hashCode(featureMean), Arrays.deepHashCode(featureCovariance));
    }

    @Override
    public String toString() {
        return "ErrorDistribution[count=" + count + ", mean=" + mean + ", std=" + std + ", max=" + max
                + ", quantiles=" + quantiles + ", sample=" + sample.length + " points, features="
                + featureMean.length + "]";
    }

    /** Linear interpolation between order statistics of an ascending array at level q. */
    static double interpolate(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** Index of the first element strictly greater than {@code value}. */
    private static int upperBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " is " + value + ", expected a finite number");
        }
    }
}
