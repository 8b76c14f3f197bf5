package io.vigil.detect;

import java.util.Objects;

/**
 * Scores a window by where its error falls in the validation error distribution: the score is
 * the fraction of validation windows whose error was at or below this one's, so with a threshold
 * of 0.99 about one validation window in a hundred would count as anomalous.
 */
public final class QuantileCalibrator implements Calibrator {

    /** The method name written into Scores messages. */
    public static final String NAME = "validation-quantile";

    private final ErrorDistribution distribution;

    public QuantileCalibrator(ErrorDistribution distribution) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(WindowError e) {
        return distribution.quantileOf(e.error());
    }
}
