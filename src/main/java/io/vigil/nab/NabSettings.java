package io.vigil.nab;

import io.vigil.detect.DetectorConfig;
import io.vigil.detect.ScoringPolicy;

/**
 * {@code recentWeighting} 0 scores the window's mean error; a positive tau weights step errors toward the
 * newest steps (measured: no gain on the standard profile, see docs/benchmarks.md).
 *
 * <p>One set of settings for every NAB file — nothing is tuned per file. The model is small because each
 * file trains on at most 750 probationary rows; the window is short so that anomalies show early.
 */
public record NabSettings(int window, int[] hidden, int epochs, int patience, int batch, double learningRate, long seed,
                          int threads, DetectorConfig detector, int likelihoodHistory, int likelihoodShort, int likelihoodWarmUp,
                          int cooldown, double recentWeighting) {
    public static NabSettings defaults() {
        return new NabSettings(16, new int[] {16}, 40, 6, 16, 0.005, 42,
                Math.max(1, Runtime.getRuntime().availableProcessors()), DetectorConfig.defaults(), ScoringPolicy.LIKELIHOOD_HISTORY,
                ScoringPolicy.LIKELIHOOD_RECENT, ScoringPolicy.LIKELIHOOD_WARM_UP, 400, 0);
    }

    public NabSettings withThreads(int n) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, n, detector, likelihoodHistory,
                likelihoodShort, likelihoodWarmUp, cooldown, recentWeighting);
    }

    public NabSettings withEpochs(int n) {
        return new NabSettings(window, hidden, n, patience, batch, learningRate, seed, threads, detector, likelihoodHistory,
                likelihoodShort, likelihoodWarmUp, cooldown, recentWeighting);
    }
}
