package io.vigil.detect;

/**
 * How scores become decisions and alerts. Each field is a config key with a documented default;
 * the compact constructor fails fast with a message naming the key when a value is out of range.
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
 */
public record DetectorConfig(double threshold, int openAfter, int closeAfter, double criticalThreshold,
                             int topFeatures) {

    public static final String KEY_THRESHOLD = "threshold";
    public static final String KEY_OPEN_AFTER = "alert.open.after";
    public static final String KEY_CLOSE_AFTER = "alert.close.after";
    public static final String KEY_CRITICAL_THRESHOLD = "alert.critical.threshold";
    public static final String KEY_TOP_FEATURES = "alert.top.features";

    public static final double DEFAULT_THRESHOLD = 0.99;
    public static final int DEFAULT_OPEN_AFTER = 3;
    public static final int DEFAULT_CLOSE_AFTER = 5;
    public static final double DEFAULT_CRITICAL_THRESHOLD = 0.999;
    public static final int DEFAULT_TOP_FEATURES = 3;

    public DetectorConfig {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException(KEY_THRESHOLD + " must be in (0, 1), got " + threshold);
        }
        requireAtLeastOne(KEY_OPEN_AFTER, openAfter);
        requireAtLeastOne(KEY_CLOSE_AFTER, closeAfter);
        if (!(criticalThreshold >= threshold && criticalThreshold <= 1)) {
            throw new IllegalArgumentException(KEY_CRITICAL_THRESHOLD + " must be in [" + KEY_THRESHOLD
                    + " (" + threshold + "), 1], got " + criticalThreshold);
        }
        requireAtLeastOne(KEY_TOP_FEATURES, topFeatures);
    }

    /** The documented defaults. */
    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_THRESHOLD, DEFAULT_OPEN_AFTER, DEFAULT_CLOSE_AFTER,
                DEFAULT_CRITICAL_THRESHOLD, DEFAULT_TOP_FEATURES);
    }

    /** The severity of an alert with this peak score: {@code critical} or {@code warning}. */
    String severityOf(double peakScore) {
        return peakScore >= criticalThreshold ? AlertEvent.CRITICAL : AlertEvent.WARNING;
    }

    private static void requireAtLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + value);
        }
    }
}
