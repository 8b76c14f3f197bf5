package io.vigil.nab;

import io.vigil.detect.Calibration;
import io.vigil.detect.CalibrationSettings;
import io.vigil.detect.DetectorConfig;
import io.vigil.model.TimeFeatures;
import java.time.Duration;

/**
 * How the harness runs every NAB file — one set of settings for all of them, nothing tuned per file. The model
 * is small because each file trains on at most 750 probationary rows; the window is short so that anomalies
 * show early. The calibration is the stream's ({@link io.vigil.detect.ScoringPolicy}); {@code cooldown} is
 * the harness's one report per episode ({@link RepeatSuppressor}), in windows; {@code timeFeatures} the
 * calendar inputs every file's model takes (UTC: NAB's timestamps carry no zone); {@code maxGap} the longest step
 * between rows a window may span (null: {@code vigil train}'s automatic rule). The defaults are the best
 * measured in docs/benchmarks.md#nab.
 */
public record NabSettings(int window, int[] hidden, int epochs, int patience, int batch, double learningRate, long seed,
                          int threads, DetectorConfig detector, CalibrationSettings calibration, int cooldown,
                          TimeFeatures timeFeatures, Duration maxGap) {
    /** The harness's default calibration. */
    public static final Calibration DEFAULT_CALIBRATION = Calibration.STREAMING_LIKELIHOOD;
    public static final int DEFAULT_COOLDOWN = 400;
    /** The harness's default calendar inputs. */
    public static final TimeFeatures DEFAULT_TIME_FEATURES = TimeFeatures.NONE;

    /**
     * The harness's default window gap rule: none. NAB scores every row in order, as its published detectors
     * read them, whatever the time between rows; some NAB series are sampled irregularly (realTraffic: a
     * median step of minutes and gaps of hours every day), where windows that stop at gaps would leave most
     * rows unscored and the probation without a validation window. A gap this long never occurs.
     */
    public static final Duration NO_GAP_LIMIT = Duration.ofDays(100L * 365);

    public static NabSettings defaults() {
        return new NabSettings(16, new int[] {16}, 40, 6, 16, 0.005, 42, Math.max(1, Runtime.getRuntime().availableProcessors()),
                DetectorConfig.defaults(), CalibrationSettings.of(DEFAULT_CALIBRATION), DEFAULT_COOLDOWN, DEFAULT_TIME_FEATURES,
                NO_GAP_LIMIT);
    }

    public NabSettings withThreads(int n) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, n, detector, calibration, cooldown,
                timeFeatures, maxGap);
    }

    public NabSettings withEpochs(int n) {
        return new NabSettings(window, hidden, n, patience, batch, learningRate, seed, threads, detector, calibration, cooldown,
                timeFeatures, maxGap);
    }

    public NabSettings withSeed(long s) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, s, threads, detector, calibration, cooldown,
                timeFeatures, maxGap);
    }

    public NabSettings withCalibration(CalibrationSettings c) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, threads, detector, c, cooldown, timeFeatures, maxGap);
    }

    /** {@code gap}: windows never span a step longer than this; null = {@code vigil train}'s automatic rule. */
    public NabSettings withMaxGap(Duration gap) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, threads, detector, calibration, cooldown,
                timeFeatures, gap);
    }

    public NabSettings withTimeFeatures(TimeFeatures t) {
        return new NabSettings(window, hidden, epochs, patience, batch, learningRate, seed, threads, detector, calibration, cooldown, t, maxGap);
    }
}
