package io.vigil.detect;

import java.util.Locale;

/**
 * How a window's error becomes a score in [0, 1] (config key {@code calibration}), named in every score.
 * {@code validation-quantile}: the error's quantile among the model's validation errors — stateless,
 * but it saturates when a series drifts away from its training data. {@code streaming-likelihood}: how
 * unlikely the series' recent errors are given its own error history ({@link StreamingLikelihood}) —
 * needs per-series state, adapts to drift, and reports sudden changes.
 */
public enum Calibration {
    VALIDATION_QUANTILE(QuantileCalibrator.NAME, 0.99),
    STREAMING_LIKELIHOOD(StreamingLikelihood.NAME, 0.9);

    private final String wireName;
    private final double defaultThreshold;

    Calibration(String wireName, double defaultThreshold) {
        this.wireName = wireName;
        this.defaultThreshold = defaultThreshold;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The threshold used when {@code threshold} is empty and the model suggests none for this method:
     * the quantile's comes from the model; 0.9 for the likelihood means the recent errors sit about ten
     * standard errors above the series' history (tail probability ~1e-23).
     */
    public double defaultThreshold() {
        return defaultThreshold;
    }

    public static Calibration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Calibration c : values()) {
            if (c.wireName.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown calibration \"" + text + "\", expected validation-quantile or streaming-likelihood");
    }
}
