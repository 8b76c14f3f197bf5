package io.vigil.detect;

import java.util.OptionalDouble;

/**
 * How scores become decisions and alerts. Each field is a config key with a documented default;
 * the compact constructor fails fast with a message naming the key when a value is out of range.
 * The five-argument constructor leaves cooldown, warm-up, suppression and the range guard off; the
 * {@code with*} methods turn them on one at a time.
 *
 * @param threshold         key {@code threshold} (default {@value #DEFAULT_THRESHOLD}): a window is
 *                          anomalous when its calibrated score is strictly greater; in (0, 1)
 * @param openAfter         key {@code alert.open.after} (default {@value #DEFAULT_OPEN_AFTER}): consecutive
 *                          anomalous windows that open an alert; at least 1
 * @param closeAfter        key {@code alert.close.after} (default {@value #DEFAULT_CLOSE_AFTER}): consecutive
 *                          normal windows that resolve an open alert; at least 1
 * @param criticalThreshold key {@code alert.critical.threshold} (default {@value #DEFAULT_CRITICAL_THRESHOLD}):
 *                          an alert whose peak score reaches this is {@code critical}, else
 *                          {@code warning}; in [threshold, 1]
 * @param topFeatures       key {@code alert.top.features} (default {@value #DEFAULT_TOP_FEATURES}): features
 *                          listed in alerts and decisions; at least 1
 * @param cooldown          key {@code alert.cooldown} (default 0): windows after an alert resolves during
 *                          which anomalous windows do not count toward a new alert; at least 0
 * @param warmup            key {@code alert.warmup} (default 0): scored windows a series needs before any of
 *                          its windows can be anomalous; at least 0
 * @param suppression       keys {@code alert.suppress.absolute} and {@code alert.suppress.relative}
 *                          (default 0, off): see {@link Suppression}
 * @param rangeGuardMargin  key {@code range.guard.margin} (default empty, off): see {@link TrainingRanges}; at least 0
 */
public record DetectorConfig(double threshold, int openAfter, int closeAfter, double criticalThreshold,
                             int topFeatures, int cooldown, int warmup, Suppression suppression,
                             OptionalDouble rangeGuardMargin) {

    public static final String KEY_THRESHOLD = "threshold";
    public static final String KEY_OPEN_AFTER = "alert.open.after";
    public static final String KEY_CLOSE_AFTER = "alert.close.after";
    public static final String KEY_CRITICAL_THRESHOLD = "alert.critical.threshold";
    public static final String KEY_TOP_FEATURES = "alert.top.features";
    public static final String KEY_COOLDOWN = "alert.cooldown";
    public static final String KEY_WARMUP = "alert.warmup";
    public static final String KEY_SUPPRESS_ABSOLUTE = Suppression.KEY_ABSOLUTE;
    public static final String KEY_SUPPRESS_RELATIVE = Suppression.KEY_RELATIVE;
    public static final String KEY_RANGE_GUARD_MARGIN = "range.guard.margin";

    public static final double DEFAULT_THRESHOLD = 0.99;
    public static final int DEFAULT_OPEN_AFTER = 3;
    public static final int DEFAULT_CLOSE_AFTER = 5;
    public static final double DEFAULT_CRITICAL_THRESHOLD = 0.999;

    /**
     * {@code alert.critical.threshold} when the user leaves it at its default, for an alert threshold of {@code threshold}:
     * {@value #DEFAULT_CRITICAL_THRESHOLD}, or, below a higher threshold (SPOT's 1 − spot.risk = 0.9999, a model trained
     * with --threshold 0.9995), a score ten times rarer than the threshold's.
     */
    public static double defaultCriticalThreshold(double threshold) {
        return threshold > DEFAULT_CRITICAL_THRESHOLD ? 1 - (1 - threshold) / 10 : DEFAULT_CRITICAL_THRESHOLD;
    }
    public static final int DEFAULT_TOP_FEATURES = 3;
    public static final int DEFAULT_COOLDOWN = 0;
    public static final int DEFAULT_WARMUP = 0;

    public DetectorConfig {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException(KEY_THRESHOLD + " must be in (0, 1), got " + threshold);
        }
        requireAtLeast(KEY_OPEN_AFTER, openAfter, 1);
        requireAtLeast(KEY_CLOSE_AFTER, closeAfter, 1);
        if (!(criticalThreshold >= threshold && criticalThreshold <= 1)) {
            throw new IllegalArgumentException(KEY_CRITICAL_THRESHOLD + " must be in [" + KEY_THRESHOLD
                    + " (" + threshold + "), 1], got " + criticalThreshold);
        }
        requireAtLeast(KEY_TOP_FEATURES, topFeatures, 1);
        requireAtLeast(KEY_COOLDOWN, cooldown, 0);
        requireAtLeast(KEY_WARMUP, warmup, 0);
        if (suppression == null) {
            throw new IllegalArgumentException("suppression must be given; Suppression.OFF turns it off");
        }
        if (rangeGuardMargin == null) {
            throw new IllegalArgumentException(KEY_RANGE_GUARD_MARGIN + " must be given; OptionalDouble.empty() turns it off");
        }
        rangeGuardMargin.ifPresent(m -> {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException(KEY_RANGE_GUARD_MARGIN + " must be a finite number >= 0, got " + m);
            }
        });
    }

    /** Threshold, hysteresis, severity and attribution; cooldown, warm-up, suppression and range guard off. */
    public DetectorConfig(double threshold, int openAfter, int closeAfter, double criticalThreshold, int topFeatures) {
        this(threshold, openAfter, closeAfter, criticalThreshold, topFeatures, DEFAULT_COOLDOWN, DEFAULT_WARMUP,
                Suppression.OFF, OptionalDouble.empty());
    }

    /** The documented defaults. */
    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_THRESHOLD, DEFAULT_OPEN_AFTER, DEFAULT_CLOSE_AFTER,
                DEFAULT_CRITICAL_THRESHOLD, DEFAULT_TOP_FEATURES);
    }

    public DetectorConfig withCooldown(int windows) {
        return new DetectorConfig(threshold, openAfter, closeAfter, criticalThreshold, topFeatures, windows, warmup,
                suppression, rangeGuardMargin);
    }

    public DetectorConfig withWarmup(int windows) {
        return new DetectorConfig(threshold, openAfter, closeAfter, criticalThreshold, topFeatures, cooldown, windows,
                suppression, rangeGuardMargin);
    }

    public DetectorConfig withSuppression(Suppression s) {
        return new DetectorConfig(threshold, openAfter, closeAfter, criticalThreshold, topFeatures, cooldown, warmup,
                s, rangeGuardMargin);
    }

    /** The range guard with this margin, as a fraction of each feature's training range. */
    public DetectorConfig withRangeGuard(double margin) {
        return new DetectorConfig(threshold, openAfter, closeAfter, criticalThreshold, topFeatures, cooldown, warmup,
                suppression, OptionalDouble.of(margin));
    }

    /** The severity of an alert with this peak score: {@code critical} or {@code warning}. */
    String severityOf(double peakScore) {
        return peakScore >= criticalThreshold ? AlertEvent.CRITICAL : AlertEvent.WARNING;
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
        }
    }
}
