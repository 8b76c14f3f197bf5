package io.vigil.detect;

/**
 * Turns a window's raw reconstruction error into a calibrated anomaly score in [0, 1], where a
 * higher score means less like the validation data. The method's {@link #name()} is written into
 * every Scores message ({@code calibration}) so a score can be traced to how it was made.
 * Implementations must be deterministic: the offline evaluator and the streaming detector share
 * them and must give identical numbers. The stateless methods implement it ({@link QuantileCalibrator},
 * {@link MahalanobisCalibrator}); the per-series ones ({@link StreamingLikelihood}, {@link Spot}) need the
 * series' {@link CalibrationState} too, and {@link ScoringPolicy} calls them.
 */
public interface Calibrator {

    /** The method's name as written in the Scores message, e.g. {@code validation-quantile}. */
    String name();

    /** The calibrated score of a window, in [0, 1]. */
    double score(WindowError e);
}
