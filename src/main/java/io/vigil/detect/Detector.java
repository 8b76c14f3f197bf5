package io.vigil.detect;

import java.util.List;
import java.util.Objects;

/**
 * Decides about one window of one series: calibrates the model's error into a score, compares it
 * with the threshold, attributes the error to features, and advances the series' alert lifecycle.
 * The detector holds no per-series state — the caller passes the series' {@link AlertState} in and
 * stores {@link Decision#next()} — so the same instance serves every series and thread, and the
 * offline evaluator and the streaming detector get identical decisions from identical input.
 */
public final class Detector {

    private final DetectorConfig config;
    private final Calibrator calibrator;
    private final List<String> featureNames;
    private final AlertLifecycle lifecycle;

    public Detector(DetectorConfig config, Calibrator calibrator, List<String> featureNames) {
        this.config = Objects.requireNonNull(config, "config");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.isEmpty()) {
            throw new IllegalArgumentException("a detector needs at least one feature name");
        }
        this.lifecycle = new AlertLifecycle(config);
    }

    /**
     * The decision for the window of {@code series} ending at {@code windowEnd} (epoch ms), given
     * the series' state after its previous window ({@link AlertState#initial()} for the first).
     */
    public Decision decide(String series, long windowEnd, WindowError e, AlertState state) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(e, "window error");
        Objects.requireNonNull(state, "state");
        return decideWithScore(series, windowEnd, e, calibrator.score(e), state);
    }

    /**
     * The same decision for a score calibrated elsewhere — by a per-series calibration such as
     * {@link StreamingLikelihood}, whose state the caller keeps.
     */
    public Decision decideWithScore(String series, long windowEnd, WindowError e, double score, AlertState state) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(state, "state");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalStateException("calibration returned " + score
                    + " for series " + series + ", expected a score in [0, 1]");
        }
        boolean anomalous = score > config.threshold();
        List<FeatureContribution> features = Attribution.top(featureNames, e, config.topFeatures());
        AlertLifecycle.Step step = lifecycle.next(series, windowEnd, score, anomalous, features, state);
        return new Decision(score, anomalous, step.next(), step.event(), features);
    }

    public DetectorConfig config() {
        return config;
    }

    /** The calibration method's name, for the Scores message. */
    public String calibration() {
        return calibrator.name();
    }
}
