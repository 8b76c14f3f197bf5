package io.vigil.nab;

import io.vigil.detect.DetectorConfig;
import io.vigil.detect.ScoringPolicy;

/**
 * {@code recentWeighting} 0 scores the window's mean error; a positive tau weights step errors toward the
 * newest steps (measured: no gain on the standard profile, see docs/benchmarks.md).
 *
 * <p>One set of settings for every NAB file — nothing is tuned per file. The model is small because each
 * file trains on at most 750 probationary rows; the window is short so that anomalies show early.
 * {@code detector} turns the likelihood into reports: an alert opens on the first window above its
 * threshold and the harness reports that window's score alone, so one episode is one report; the
 * detector's cooldown keeps relapses soon after an episode from reporting again.
 */
public record NabSettings(int window, int[] hidden, int epochs, int patience, int batch, double learningRate, long seed,
                          int threads, DetectorConfig detector, int likelihoodHistory, int likelihoodShort, int likelihoodWarmUp,
                          double recentWeighting) {
    /** Likelihood score that opens a report: 1 - exp(-L / 5) = 0.7 for recent errors with tail probability ~1e-6. */
    static final double REPORT_THRESHOLD = 0.7;
    /** Windows after an episode during which a relapse does not report again. */
    static final int REPORT_COOLDOWN = 400;

    public static NabSettings defaults() {
        DetectorConfig reports = new DetectorConfig(REPORT_THRESHOLD, 1, 1, DetectorConfig.DEFAULT_CRITICAL_THRESHOLD, 1)
                .withCooldown(REPORT_COOLDOWN);
        return new NabSettings(16, new int[] {16}, 40, 6, 16, 0.005, 42,
                Math.max(1, Runtime.getRuntime().availableProcessors()), reports, ScoringPolicy.LIKELIHOOD_HISTORY,
                ScoringPolicy.LIKELIHOOD_RECENT, ScoringPolicy.LIKELIHOOD_WARM_UP, 0);
    }

    public NabSettings withThreads(int n) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, n, detector, likelihoodHistory,
                likelihoodShort, likelihoodWarmUp, recentWeighting);
    }

    public NabSettings withEpochs(int n) {
        return new NabSettings(window, hidden, n, patience, batch, learningRate, seed, threads, detector, likelihoodHistory,
                likelihoodShort, likelihoodWarmUp, recentWeighting);
    }
}
