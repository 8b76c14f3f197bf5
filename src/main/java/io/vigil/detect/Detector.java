package io.vigil.detect;

import java.util.List;
import java.util.Objects;

/**
 * Decides about one window of one series: calibrates the model's error into a score, applies the
 * decision rules, attributes the error to features, and advances the series' alert lifecycle.
 * The rules, in order: a series still in its warm-up ({@code alert.warmup}) has no anomalous window;
 * a newest value outside the training range widened by {@code range.guard.margin} makes the window
 * anomalous with score 1; a score above the threshold does not count when every newest value is close
 * to its reconstruction ({@link Suppression}); otherwise the score is compared with the threshold, and a
 * window above it whose calibration reports a new extreme ({@link StreamingLikelihood}) says so. The new
 * extreme yields to suppression, unlike the range guard: a series' seen range can be narrow in absolute
 * terms (a young or flat series), where a tolerance the user configured says what is too small to matter.
 * The detector holds no per-series state — the caller passes the series' {@link AlertState} in and
 * stores {@link Decision#next()} — so the same instance serves every series and thread, and the
 * offline evaluator and the streaming detector get identical decisions from identical input.
 */
public final class Detector {

    /** The score of a window the range guard finds anomalous: nothing the model saw was like it. */
    static final double RANGE_GUARD_SCORE = 1.0;

    private final DetectorConfig config;
    private final Calibrator calibrator;
    private final List<String> featureNames;
    private final TrainingRanges ranges;
    private final AlertLifecycle lifecycle;

    /** A detector without training ranges: the range guard, if configured, stays off. */
    public Detector(DetectorConfig config, Calibrator calibrator, List<String> featureNames) {
        this(config, calibrator, featureNames, null);
    }

    /**
     * @param ranges the model's training ranges in feature order, or null when the model does not record
     *               them (the range guard then stays off; see {@link #warnings()})
     */
    public Detector(DetectorConfig config, Calibrator calibrator, List<String> featureNames, TrainingRanges ranges) {
        this.config = Objects.requireNonNull(config, "config");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.isEmpty()) {
            throw new IllegalArgumentException("a detector needs at least one feature name");
        }
        if (ranges != null && ranges.features() != this.featureNames.size()) {
            throw new IllegalArgumentException("there are " + this.featureNames.size() + " feature names but "
                    + ranges.features() + " training ranges");
        }
        this.ranges = ranges;
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
        return decideWithScore(series, windowEnd, e, score, false, state);
    }

    /**
     * As {@link #decideWithScore(String, long, WindowError, double, AlertState)}; {@code newExtreme} says that the
     * calibration raised the score because a newest value lies beyond the series' seen range, which an anomalous
     * window then gives as its reason.
     */
    public Decision decideWithScore(String series, long windowEnd, WindowError e, double score, boolean newExtreme,
                                    AlertState state) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(e, "window error");
        Objects.requireNonNull(state, "state");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalStateException("calibration returned " + score
                    + " for series " + series + ", expected a score in [0, 1]");
        }
        if ((rangeGuardOn() || config.suppression().isOn()) && !e.hasNewestValues()) {
            throw new IllegalArgumentException("the range guard and suppression need the window's newest observed and"
                    + " reconstructed values, and the window error of series " + series + " has none");
        }
        Decision.Reason reason = Decision.Reason.THRESHOLD;
        if (state.windowsScored() < config.warmup()) {
            reason = Decision.Reason.WARM_UP;
        } else if (rangeGuardOn() && ranges.firstOutside(e.newestObserved(), config.rangeGuardMargin().getAsDouble()) >= 0) {
            reason = Decision.Reason.RANGE_GUARD;
            score = RANGE_GUARD_SCORE;
        } else if (score > config.threshold() && config.suppression().covers(e.newestObserved(), e.newestReconstructed())) {
            reason = Decision.Reason.SUPPRESSED;
        } else if (newExtreme && score > config.threshold()) {
            reason = Decision.Reason.NEW_EXTREME;
        }
        boolean anomalous = reason == Decision.Reason.RANGE_GUARD || reason == Decision.Reason.NEW_EXTREME
                || reason == Decision.Reason.THRESHOLD && score > config.threshold();
        List<FeatureContribution> features = Attribution.top(featureNames, e, config.topFeatures());
        AlertLifecycle.Step step = lifecycle.next(series, windowEnd, score, anomalous, features, state);
        return new Decision(score, anomalous, reason, step.next(), step.event(), features);
    }

    /** Whether the range guard is configured and the model gave the training ranges it needs. */
    public boolean rangeGuardOn() {
        return config.rangeGuardMargin().isPresent() && ranges != null;
    }

    /** What the configuration asks for that this model cannot do, one line each, for the caller to log. */
    public List<String> warnings() {
        if (config.rangeGuardMargin().isPresent() && ranges == null) {
            return List.of(DetectorConfig.KEY_RANGE_GUARD_MARGIN + " is set, but the model records no training ranges"
                    + " (a model.json without \"trainingRange\"): the range guard is off; retrain the model to use it");
        }
        return List.of();
    }

    public DetectorConfig config() {
        return config;
    }
}
