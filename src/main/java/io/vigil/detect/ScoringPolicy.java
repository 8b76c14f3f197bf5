package io.vigil.detect;

import java.util.Objects;

/**
 * Calibrates a window's error with the configured {@link Calibration} and decides about it with the
 * {@link Detector}. Stateless itself: the caller passes the series' alert state and (for the streaming
 * likelihood) its likelihood state in, and stores both from the result. The stream and the offline
 * evaluator both go through here, so they make identical decisions.
 */
public final class ScoringPolicy {
    /** Defaults for the streaming likelihood: errors in the history, recent errors averaged, warm-up. */
    public static final int LIKELIHOOD_HISTORY = 1000;
    public static final int LIKELIHOOD_RECENT = 8;
    public static final int LIKELIHOOD_WARM_UP = 100;

    private final Calibration calibration;
    private final Detector detector;
    private final StreamingLikelihood likelihood;

    public ScoringPolicy(Calibration calibration, Detector detector) {
        this.calibration = Objects.requireNonNull(calibration);
        this.detector = Objects.requireNonNull(detector);
        this.likelihood = calibration == Calibration.STREAMING_LIKELIHOOD
                ? new StreamingLikelihood(LIKELIHOOD_HISTORY, LIKELIHOOD_RECENT, LIKELIHOOD_WARM_UP) : null;
    }

    /** The decision, and the likelihood state to keep (null unless the calibration has state). */
    public record Result(Decision decision, StreamingLikelihood.State likelihoodState) {
    }

    /** {@code likelihoodState} null means the series' first window. */
    public Result decide(String series, long windowEnd, WindowError e, AlertState alerts, StreamingLikelihood.State likelihoodState) {
        if (likelihood == null) {
            return new Result(detector.decide(series, windowEnd, e, alerts), null);
        }
        StreamingLikelihood.State state = likelihoodState != null ? likelihoodState : StreamingLikelihood.State.empty(LIKELIHOOD_HISTORY);
        StreamingLikelihood.Update u = likelihood.update(state, e.error());
        return new Result(detector.decideWithScore(series, windowEnd, e, u.score(), alerts), u.next());
    }

    public boolean stateful() {
        return likelihood != null;
    }

    public String calibrationName() {
        return calibration.wireName();
    }

    public Detector detector() {
        return detector;
    }
}
