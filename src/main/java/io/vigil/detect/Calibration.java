package io.vigil.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a window's error becomes a score in [0, 1] (config key {@code calibration}), named in every score.
 * <ul>
 * <li>{@code validation-quantile}: the error's quantile among the model's validation errors
 * ({@link QuantileCalibrator}). Stateless, but it saturates when a series drifts away from its training data.
 * <li>{@code mahalanobis}: the chi-square probability of the per-feature error vector's Mahalanobis distance
 * from the validation errors ({@link MahalanobisCalibrator}). Stateless; sees unusual combinations of
 * feature errors.
 * <li>{@code streaming-likelihood}: how unlikely the window is given the series' own recent errors and
 * changes ({@link StreamingLikelihood}). Per-series state; adapts to drift and reports sudden changes.
 * <li>{@code spot}: one minus the extreme-value tail probability of the error, from peaks over a threshold
 * fitted per series ({@link Spot}); {@code score > 1 − spot.risk} exactly when the error passes the SPOT
 * threshold. Per-series state.
 * </ul>
 */
public enum Calibration {
    VALIDATION_QUANTILE(QuantileCalibrator.NAME),
    MAHALANOBIS(MahalanobisCalibrator.NAME),
    STREAMING_LIKELIHOOD(StreamingLikelihood.NAME),
    SPOT(Spot.NAME);

    private final String wireName;

    Calibration(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the method keeps per-series state ({@link CalibrationState}). */
    public boolean stateful() {
        return this == STREAMING_LIKELIHOOD || this == SPOT;
    }

    /** Every method's name, for messages: {@code validation-quantile, mahalanobis, ...}. */
    public static String names() {
        return Arrays.stream(values()).map(Calibration::wireName).collect(Collectors.joining(", "));
    }

    public static Calibration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Calibration c : values()) {
            if (c.wireName.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown calibration \"" + text + "\", expected one of " + names());
    }
}
