package io.vigil.detect;

import java.util.List;
import java.util.Objects;

/**
 * Calibrates a window's error with the configured {@link Calibration} and decides about it with the
 * {@link Detector}. Stateless itself: the caller passes the series' alert state and (for a stateful
 * calibration) its {@link CalibrationState} in, and stores both from the result. The stream, the offline
 * evaluator and the NAB harness all go through here, so they make identical decisions.
 */
public final class ScoringPolicy {
    /**
     * The streaming likelihood's horizon and warm-up, in windows. Horizons of 2000–4000 scored alike on NAB and
     * above 500–1500 (fewer false positives, mean of three training seeds; docs/benchmarks.md#nab); a longer
     * horizon also follows a drifting level more slowly, so 2000, not more.
     */
    public static final int LIKELIHOOD_HISTORY = 2000;
    public static final int LIKELIHOOD_WARM_UP = 100;

    private final Calibration calibration;
    private final Detector detector;
    private final StreamingLikelihood likelihood;
    private final Spot spot;
    private final boolean dailyBaseline;
    private final DailyClock dailyClock;

    private ScoringPolicy(Calibration calibration, Detector detector, StreamingLikelihood likelihood, Spot spot,
                          boolean dailyBaseline, DailyClock dailyClock) {
        this.calibration = calibration;
        this.detector = detector;
        this.likelihood = likelihood;
        this.spot = spot;
        this.dailyBaseline = dailyBaseline;
        this.dailyClock = dailyClock;
    }

    /**
     * The policy for a model: {@code validation} is its validation error distribution (from {@code model.json}),
     * {@code features} its feature names, {@code ranges} its training ranges for the range guard (null when the
     * model does not record them; see {@link Detector#warnings()}).
     */
    public static ScoringPolicy of(CalibrationSettings settings, DetectorConfig config, ErrorDistribution validation,
                                   List<String> features, TrainingRanges ranges) {
        Objects.requireNonNull(settings, "calibration settings");
        Calibration method = settings.method();
        Calibrator stateless = method == Calibration.MAHALANOBIS ? new MahalanobisCalibrator(validation)
                : new QuantileCalibrator(validation);
        return new ScoringPolicy(method, new Detector(config, stateless, features, ranges),
                method == Calibration.STREAMING_LIKELIHOOD ? new StreamingLikelihood(LIKELIHOOD_HISTORY, LIKELIHOOD_WARM_UP) : null,
                method == Calibration.SPOT ? new Spot(settings.spotRisk(), validation) : null, settings.dailyBaseline(),
                DailyClock.of(settings.dailyZone()));
    }

    /**
     * The decision, the calibration state to keep (null unless the calibration has state), and the series'
     * {@link DailyBaseline} slot of the window's time of day to keep (null unless the calibration uses one).
     */
    public record Result(Decision decision, CalibrationState state, DailyBaseline.Slot slot) {
        public Result(Decision decision, CalibrationState state) {
            this(decision, state, null);
        }
    }

    /**
     * Whether {@link #decide} takes and returns the series' {@link DailyBaseline} slot of each window: with the streaming
     * likelihood, unless {@code likelihood.daily.baseline} is false.
     */
    public boolean usesDailyBaseline() {
        return likelihood != null && dailyBaseline;
    }

    /**
     * The {@link DailyBaseline} slot of a window ending at {@code windowEnd} (epoch ms): its half hour of the local day
     * in the zone of {@code likelihood.daily.zone}. The slot that {@link #decide} is to be given.
     */
    public int dailySlotOf(long windowEnd) {
        return dailyClock.slotOf(windowEnd);
    }

    /**
     * {@code state} null means the series' first window. A state of another method's kind (the configured
     * calibration changed since it was stored) is ignored, and the series starts afresh.
     */
    public Result decide(String series, long windowEnd, WindowError e, AlertState alerts, CalibrationState state) {
        return decide(series, windowEnd, e, alerts, state, null);
    }

    /**
     * As {@link #decide(String, long, WindowError, AlertState, CalibrationState)}, with the series' {@link DailyBaseline}
     * slot of {@code windowEnd}'s time of day ({@link #dailySlotOf}; {@link DailyBaseline.Slot#EMPTY} when the
     * series has none yet) when {@link #usesDailyBaseline()}; the slot to store comes back in {@link Result#slot()}.
     * A null slot leaves the daily baseline out.
     */
    public Result decide(String series, long windowEnd, WindowError e, AlertState alerts, CalibrationState state,
                         DailyBaseline.Slot slot) {
        if (likelihood != null) {
            StreamingLikelihood.State s = state instanceof StreamingLikelihood.State l ? l : StreamingLikelihood.State.EMPTY;
            DailyBaseline.Slot daily = dailyBaseline ? slot : null;
            StreamingLikelihood.Update u = likelihood.update(s, e, daily == null ? windowEnd : dailyClock.localMillis(windowEnd),
                    daily);
            return new Result(detector.decideWithScore(series, windowEnd, e, u.score(), u.newExtreme(), alerts), u.next(),
                    u.nextSlot());
        }
        if (spot != null) {
            Spot.State s = state instanceof Spot.State p ? p : spot.initial();
            Spot.Update u = spot.update(s, e.error());
            return new Result(detector.decideWithScore(series, windowEnd, e, u.score(), alerts), u.next());
        }
        return new Result(detector.decide(series, windowEnd, e, alerts), null);
    }

    public boolean stateful() {
        return calibration.stateful();
    }

    public String calibrationName() {
        return calibration.wireName();
    }

    public Detector detector() {
        return detector;
    }
}
